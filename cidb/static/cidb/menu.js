// The header's menu button on small screens. Without script the menu simply stays open
// (the button is hidden), so every link is always reachable.
(function () {
  var header = document.getElementById("site-header");
  if (!header) return;
  var button = header.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  header.classList.add("has-menu-button");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
    if (open) {
      var first = menu.querySelector("a, input, button");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("menu-open")) {
      button.setAttribute("aria-expanded", "false");
      header.classList.remove("menu-open");
      button.focus();
    }
  });
})();
