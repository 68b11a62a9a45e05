/* Occupation suggestions while typing (progressive enhancement).
 *
 * An input with data-occupation-suggest="<hidden field name>" and data-suggest-url gets a native <datalist>
 * (announced by screen readers, works with touch keyboards) filled from the server's ESCO occupation search.
 * Choosing a suggestion puts its ESCO URI into the hidden field; typing something else clears it, and the
 * server then resolves the typed title itself. Without JavaScript the form works the same, minus the list.
 */
(function () {
  "use strict";

  function enhance(input) {
    var hiddenName = input.getAttribute("data-occupation-suggest");
    var url = input.getAttribute("data-suggest-url");
    var form = input.form;
    var hidden = hiddenName && form ? form.querySelector('input[name="' + hiddenName + '"]') : null;
    if (!url) { return; }
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var byLabel = {};
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function syncHidden() {
      if (!hidden) { return; }
      var uri = byLabel[input.value.trim().toLowerCase()];
      hidden.value = uri || "";
    }

    function show(results) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      results.forEach(function (hit) {
        var option = document.createElement("option");
        option.value = hit.label;
        list.appendChild(option);
        byLabel[hit.label.toLowerCase()] = hit.uri;
      });
      syncHidden();
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < 2 || query === lastQuery) { return; }
      lastQuery = query;
      if (controller && controller.abort) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      var target = url + (url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(target, { credentials: "same-origin", headers: { "Accept": "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { show(data.results || []); })
        .catch(function () { /* no suggestions: the server resolves the title on save */ });
    }

    input.addEventListener("input", function () {
      syncHidden();
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 200);
    });
    input.addEventListener("change", syncHidden);
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-occupation-suggest]");
    for (var i = 0; i < inputs.length; i++) { enhance(inputs[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
