// The roll call keeps working when the connection drops: what was ticked is kept on this
// device (localStorage, one entry per session) and the same form, with the same one-time
// key, is sent again when the connection is back; the server records it once.
// Without this file the form posts normally.
(function () {
  "use strict";
  var form = document.getElementById("roll-call-form");
  if (!form || !window.fetch || !window.FormData) { return; }
  var key = form.getAttribute("data-storage-key");
  var notice = document.getElementById("roll-call-notice");
  var noticeText = document.getElementById("roll-call-notice-text");
  var retry = document.getElementById("roll-call-retry");
  var allPresent = document.getElementById("roll-call-all-present");
  var sending = false;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function store(pending) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token") { fields.push([name, String(value)]); }
    });
    try {
      window.localStorage.setItem(key, JSON.stringify({ fields: fields, pending: pending }));
    } catch (e) { /* storage full or disabled: the form still posts */ }
  }
  function forget() {
    try { window.localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
  }
  function show(message, withRetry) {
    noticeText.textContent = message;
    retry.hidden = !withRetry;
    notice.hidden = false;
  }
  function restore(saved) {
    form.querySelectorAll("input[type=radio]").forEach(function (input) { input.checked = false; });
    saved.fields.forEach(function (pair) {
      var name = pair[0], value = pair[1];
      form.querySelectorAll("[name='" + name.replace(/'/g, "") + "']").forEach(function (input) {
        if (input.type === "radio") { input.checked = input.value === value; }
        else { input.value = value; }
      });
    });
  }
  function body() {
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { data.append(name, String(value)); });
    return data;
  }
  function offline() {
    show(form.getAttribute("data-offline-message"), true);
  }
  function send() {
    if (sending) { return; }
    store(true);
    if (navigator.onLine === false) { offline(); return; }
    sending = true;
    show(form.getAttribute("data-sending-message"), false);
    fetch(form.action || window.location.href, {
      method: "POST", body: body(), credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      sending = false;
      if (response.ok) {
        return response.json().then(function (answer) {
          forget();
          window.location.assign(answer.location || window.location.href);
        });
      }
      if (response.status === 422) {
        // The server refused a mark: let it show the page with the messages next to the rows.
        forget();
        HTMLFormElement.prototype.submit.call(form);
        return null;
      }
      show(form.getAttribute("data-failed-message"), true);
      return null;
    }, function () {
      sending = false;
      offline();
    });
  }

  var saved = load();
  if (saved && saved.fields) {
    restore(saved);
    if (saved.pending) { send(); }
    else { show(form.getAttribute("data-restored-message"), false); }
  }
  form.addEventListener("change", function () { store(false); });
  form.addEventListener("input", function (event) {
    var match = /^hours-(\d+)$/.exec(event.target.name || "");
    if (match && event.target.value) {
      var partial = document.getElementById("status-" + match[1] + "-partial");
      if (partial) { partial.checked = true; }
    }
    store(false);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send();
  });
  retry.addEventListener("click", send);
  window.addEventListener("online", function () {
    var current = load();
    if (current && current.pending) { send(); }
  });
  if (allPresent) {
    allPresent.hidden = false;
    allPresent.addEventListener("click", function () {
      form.querySelectorAll("input[type=radio][value=present]").forEach(function (input) {
        input.checked = true;
      });
      store(false);
    });
  }
})();
