// While the reporter types, offer the known rumours that look like it.
// Without this file the form still works: the server offers them after submit.
(function () {
  "use strict";
  var box = document.querySelector("fieldset.suggestions[data-suggest-url]");
  if (!box) { return; }
  var input = document.getElementById(box.getAttribute("data-for"));
  var list = document.getElementById("suggestion-list");
  var timer = null;
  var lastQuery = "";
  var controller = null;

  function render(suggestions) {
    var checked = list.querySelector("input:checked");
    var keep = checked ? checked.value : null;
    list.textContent = "";
    if (!suggestions.length) {
      var empty = document.createElement("p");
      empty.className = "small text-body-secondary mb-1";
      empty.textContent = list.getAttribute("data-empty");
      list.appendChild(empty);
      return;
    }
    suggestions.forEach(function (s) {
      var wrap = document.createElement("div");
      wrap.className = "form-check";
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.className = "form-check-input";
      radio.name = "rumour";
      radio.value = String(s.id);
      radio.id = "rumour-" + s.id;
      radio.checked = keep === radio.value;
      var label = document.createElement("label");
      label.className = "form-check-label";
      label.htmlFor = radio.id;
      label.textContent = s.wording;
      if (s.untriaged) {
        var badge = document.createElement("span");
        badge.className = "badge text-bg-secondary untriaged ms-1";
        badge.textContent = list.getAttribute("data-untriaged");
        label.appendChild(badge);
      }
      wrap.appendChild(radio);
      wrap.appendChild(label);
      list.appendChild(wrap);
    });
  }

  function lookUp() {
    var query = input.value.trim();
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (query.length < 3) { return; }
    if (controller) { controller.abort(); }
    controller = new AbortController();
    var url = box.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(query);
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", signal: controller.signal })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (body) { render(body.suggestions || []); })
      .catch(function () { /* offline or aborted: the server suggests after submit */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 200);
  });
})();
