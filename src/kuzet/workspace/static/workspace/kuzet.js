/* Small enhancements; every page works without them.
   - The language menu switches on change (the button stays for keyboards and no-JS).
   - On an entry page, pointing at or focusing a structured value outlines the words it
     came from, and pointing at marked words outlines the values they gave. */
(function () {
  "use strict";

  var lang = document.getElementById("lang-select");
  if (lang && lang.form) {
    lang.addEventListener("change", function () { lang.form.submit(); });
  }
  // Menus that apply themselves (the sort order); no inline handlers, so the
  // Content-Security-Policy can forbid inline script.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { if (el.form) { el.form.submit(); } });
  });

  // On a narrow screen the facets start folded, so the results come first.
  var panel = document.querySelector(".facet-panel");
  if (panel && window.matchMedia("(max-width: 820px)").matches) { panel.open = false; }

  function toggle(refs, on) {
    refs.split(/\s+/).forEach(function (ref) {
      if (!ref) { return; }
      document.querySelectorAll('[data-span~="' + ref + '"], mark[data-refs~="' + ref + '"]').forEach(function (el) {
        el.classList.toggle("is-active", on);
      });
    });
  }

  document.querySelectorAll("[data-span]").forEach(function (el) {
    var ref = el.getAttribute("data-span");
    ["mouseenter", "focusin"].forEach(function (ev) { el.addEventListener(ev, function () { toggle(ref, true); }); });
    ["mouseleave", "focusout"].forEach(function (ev) { el.addEventListener(ev, function () { toggle(ref, false); }); });
  });
  document.querySelectorAll("mark[data-refs]").forEach(function (el) {
    var refs = el.getAttribute("data-refs");
    el.addEventListener("mouseenter", function () { toggle(refs, true); });
    el.addEventListener("mouseleave", function () { toggle(refs, false); });
  });
})();
