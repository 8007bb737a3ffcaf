(function(){var d=document,w=d.getElementById("on"),D=JSON.parse(d.getElementById("nx-"+w.dataset.c).textContent),o=d.getElementById("on-old"),I="\u2068",P="\u2069";
function f(p,v){return p.replace(/\{(\w+)\}/g,function(_,k){return I+v[k]+P})}
function T(e,v){if(e.textContent!=v)e.textContent=v}
function u(){var n=Date.now()/6e4,s=D.s,t=D.b,x=[],old=f(D.m[4],{phone:D.p});
D.i.forEach(function(r){t+=r[0];x.push([t,t-r[1],t+r[2],t+r[3],r[4],s[r[5]],s[r[6]],s[r[7]],s[r[8]]])});
o.hidden=n<D.e;T(o,old);o.nextElementSibling.hidden=n>=D.e;
w.querySelectorAll("[data-s]").forEach(function(li){var k=+li.dataset.s,p,q,j;
for(j=0;j<x.length;j++)if(x[j][4]==k){if(x[j][2]>n){q=x[j];break}p=x[j]}
T(li.lastChild,!q?old:q[8]&&q[1]<=n?f(D.m[5],{time:q[8]}):q[0]<=n?f(D.m[0],{time:q[7]}):q[1]<=n?f(D.m[1],{time:q[6]}):f(D.m[p&&n<p[3]?3:2],{date:q[5],time:q[6]})+(q[8]?" \u00b7 "+D.m[6]:""))});
w.querySelectorAll("[data-from]").forEach(function(e){e.hidden=!(e.dataset.from<=n*60&&n*60<e.dataset.end)});
w.hidden=!1}
u();setInterval(u,3e4)})();
