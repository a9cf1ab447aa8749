// SPARQL page: runs the query against /sparql (SPARQL 1.1 Protocol, POST urlencoded) and
// shows SPARQL JSON results as a table, other formats as text. Named queries are examples.
(function () {
  "use strict";
  var form = document.getElementById("sparql-form");
  var text = document.getElementById("query");
  var examples = JSON.parse(document.getElementById("example-data").textContent);
  var select = document.getElementById("examples");
  var out = document.getElementById("output");
  var status = document.getElementById("status");
  var format = document.getElementById("format");
  var ACCEPT = { json: "application/sparql-results+json, application/ld+json;q=0.9",
    csv: "text/csv", tsv: "text/tab-separated-values", xml: "application/sparql-results+xml",
    ttl: "text/turtle", jsonld: "application/ld+json" };
  select.addEventListener("change", function () {
    examples.forEach(function (e) { if (e.name === select.value) text.value = e.text; });
  });
  function cell(b) {
    if (!b) return document.createTextNode("");
    if (b.type === "uri") {
      var a = document.createElement("a");
      a.href = "/resource?iri=" + encodeURIComponent(b.value);
      a.textContent = b.value;
      return a;
    }
    return document.createTextNode(b.value + (b["xml:lang"] ? "@" + b["xml:lang"] : ""));
  }
  function table(data) {
    var t = document.createElement("table"), head = document.createElement("tr");
    data.head.vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    t.appendChild(head);
    data.results.bindings.forEach(function (row) {
      var tr = document.createElement("tr");
      data.head.vars.forEach(function (v) { var td = document.createElement("td"); td.appendChild(cell(row[v])); tr.appendChild(td); });
      t.appendChild(tr);
    });
    return t;
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    status.textContent = "…";
    out.textContent = "";
    var started = performance.now();
    fetch("/sparql", { method: "POST", body: new URLSearchParams({ query: text.value }),
      headers: { Accept: ACCEPT[format.value] || "*/*" } })
      .then(function (r) {
        var ctype = r.headers.get("content-type") || "";
        return r.text().then(function (body) { return { ok: r.ok, ctype: ctype, body: body, status: r.status }; });
      })
      .then(function (res) {
        var ms = Math.round(performance.now() - started);
        if (!res.ok) {
          var msg = res.body;
          try { var e = JSON.parse(res.body).error; msg = e.code + ": " + e.message; } catch (x) { /* text */ }
          status.textContent = res.status + " · " + ms + " ms";
          var p = document.createElement("p"); p.className = "warn"; p.id = "error"; p.textContent = msg; out.appendChild(p);
          return;
        }
        if (res.ctype.indexOf("sparql-results+json") >= 0) {
          var data = JSON.parse(res.body);
          if (data.boolean !== undefined) { out.textContent = String(data.boolean); }
          else { out.appendChild(table(data)); status.textContent = data.results.bindings.length + " · " + ms + " ms"; return; }
        } else {
          var pre = document.createElement("pre"); pre.textContent = res.body; out.appendChild(pre);
        }
        status.textContent = ms + " ms";
      })
      .catch(function (err) { status.textContent = String(err); });
  });
})();
