/* Quiz pages, made smoother. Everything works without this file: it only moves focus to
   what changed after an htmx swap, and counts the time limit down (the server enforces it). */
(function () {
  "use strict";

  function focusStep() {
    var step = document.getElementById("step");
    if (!step) return;
    var target = step.querySelector("[data-focus]") || step.querySelector("h1");
    if (target) target.focus();
  }

  var timer = null;
  function startTimer() {
    var box = document.querySelector(".timer[data-seconds]");
    if (timer) clearInterval(timer);
    if (!box) return;
    var end = Date.now() + parseInt(box.getAttribute("data-seconds"), 10) * 1000;
    var clock = box.querySelector(".clock");
    var announce = box.querySelector(".timer-announce");
    var said = {};
    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      clock.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      [60, 10].forEach(function (mark) {
        if (left <= mark && !said[mark] && announce) {
          said[mark] = true;
          announce.textContent = box.getAttribute("data-warn-" + mark) || clock.textContent;
        }
      });
      if (left === 0) {
        clearInterval(timer);
        window.location.assign(box.getAttribute("data-results"));
      }
    }
    tick();
    timer = setInterval(tick, 1000);
  }

  document.addEventListener("DOMContentLoaded", startTimer);
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "step") {
      focusStep();
      startTimer();
    }
  });
})();
