// The menu works as <details> without scripts. With scripts, each section becomes a
// disclosure button (aria-expanded), only one panel is open at a time, and Escape or a
// click elsewhere closes it.
(function () {
  "use strict";
  var nav = document.querySelector(".menu");
  if (!nav) return;
  var toggles = [];

  function setOpen(toggle, open) {
    toggle.setAttribute("aria-expanded", String(open));
    document.getElementById(toggle.getAttribute("aria-controls")).hidden = !open;
  }
  function closeAll(except) {
    toggles.forEach(function (toggle) { if (toggle !== except) setOpen(toggle, false); });
  }

  nav.querySelectorAll("details.menu-disclosure").forEach(function (details) {
    var summary = details.querySelector("summary");
    var panel = details.querySelector(".menu-panel");
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "menu-toggle";
    toggle.textContent = summary.textContent;
    toggle.setAttribute("aria-controls", panel.id);
    details.parentNode.insertBefore(toggle, details);
    details.parentNode.insertBefore(panel, details);
    details.remove();
    toggles.push(toggle);
    setOpen(toggle, false);
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      closeAll(toggle);
      setOpen(toggle, open);
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = toggles.filter(function (t) { return t.getAttribute("aria-expanded") === "true"; })[0];
    if (open) { setOpen(open, false); open.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) closeAll();
  });
  // Tabbing out of the menu closes it, so that it never covers what has the focus.
  nav.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !nav.contains(event.relatedTarget)) closeAll();
  });
})();
