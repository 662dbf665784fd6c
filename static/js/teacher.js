/* Teachers' pages, made smoother. Everything works without this file (plain form posts):

   - after an htmx swap in the set editor, the keyboard's focus goes to the control the
     server marked with data-focus (the added question's "Added", the next question after a
     removal), and the page is scrolled so that it sits where the pressed button was: the
     page does not jump;
   - a "Copy the link" button copies the join link (the link itself is on the page). */
(function () {
  "use strict";

  var pressedTop = null;

  document.addEventListener("htmx:beforeRequest", function (event) {
    // Only a request the teacher made (the pressed button is inside the element that sends
    // it), not the bank refreshing itself after it.
    var source = event.detail.elt;
    var pressed = document.activeElement;
    if (source && pressed && pressed !== document.body && source.contains(pressed)) {
      pressedTop = pressed.getBoundingClientRect().top;
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    var target = document.querySelector("[data-focus]");
    if (target) {
      target.removeAttribute("data-focus");
      target.focus({ preventScroll: true });
      if (pressedTop !== null) window.scrollBy(0, target.getBoundingClientRect().top - pressedTop);
    }
    pressedTop = null;
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (!button || !navigator.clipboard) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status") || "");
    navigator.clipboard.writeText(source.href || source.textContent.trim()).then(function () {
      if (status) status.textContent = button.getAttribute("data-copied");
    });
  });

  /* The copy button is hidden without JavaScript (it could do nothing then). */
  document.querySelectorAll("[data-copy][hidden]").forEach(function (button) {
    if (navigator.clipboard) button.hidden = false;
  });
})();
