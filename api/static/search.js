// Suggestions as you type: asks /api/resolve (same resolver as the server-rendered results).
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  if (!input || !list) return;
  var timer = null, seq = 0;
  function clear() { while (list.firstChild) list.removeChild(list.firstChild); }
  function show(results, mine) {
    if (mine !== seq) return;
    clear();
    results.slice(0, 8).forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "/doc?iri=" + encodeURIComponent(r["@id"]);
      a.className = "suggestion";
      var strong = document.createElement("strong");
      strong.textContent = r.number || r["@id"].split("/").pop();
      a.appendChild(strong);
      if (r.title) a.appendChild(document.createTextNode(" — " + r.title));
      li.appendChild(a);
      list.appendChild(li);
    });
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { seq++; clear(); return; }
    timer = setTimeout(function () {
      var mine = ++seq;
      fetch("/api/resolve?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { show(data.results || [], mine); })
        .catch(function () { /* suggestions are optional; the form still works */ });
    }, 150);
  });
})();
