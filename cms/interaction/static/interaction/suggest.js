// While a citizen types the subject, show answered public messages and 常见问题 entries that may
// already answer it.
// Plain DOM, no library; results are inserted as text, never as HTML.
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form) return;
  var subject = form.querySelector("[name=subject]");
  var content = form.querySelector("[name=content]");
  var box = document.getElementById("ix-suggestions");
  var list = box && box.querySelector("ul");
  if (!subject || !list) return;
  var timer = null;
  var last = "";
  function show(results) {
    list.textContent = "";
    results.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = item.title;
      li.appendChild(a);
      var note = item.kind === "faq" ? "（常见问题）" : "（" + item.answered + " 答复）";
      li.appendChild(document.createTextNode(note));
      list.appendChild(li);
    });
    box.hidden = results.length === 0;
  }
  function lookup() {
    var text = (subject.value + " " + (content ? content.value.slice(0, 100) : "")).trim();
    if (text.length < 2 || text === last) return;
    last = text;
    fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (data) { show(data.results || []); })
      .catch(function () { /* suggestions are a help, never a blocker */ });
  }
  function schedule() { clearTimeout(timer); timer = setTimeout(lookup, 400); }
  subject.addEventListener("input", schedule);
  if (content) content.addEventListener("input", schedule);
})();
