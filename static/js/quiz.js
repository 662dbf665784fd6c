/* Quiz pages, made smoother. Everything works without this file: it only moves focus to
   what changed after an htmx swap (a step, a challenge), counts the time limit down (the
   server enforces it) and sends what is entered when it runs out. The live quiz's phone
   (#step) and projector (#screen) use it too, for a question's timer. */
(function () {
  "use strict";

  function focusStep() {
    var step = document.getElementById("step");
    if (!step) return;
    var target = step.querySelector("[data-focus]") || step.querySelector("h1");
    if (target) target.focus();
  }

  /* When the time runs out, what the student has entered is sent and counted (the server
     accepts it within the set's grace period), and the quiz ends there. A page with nothing
     to send (the feedback on an answer) goes to the results. */
  function timeUp(box) {
    var form = document.querySelector("#step form.answer-form");
    if (!form) {
      /* A live quiz's page has no results to go to: its next poll shows the answers closed. */
      if (box.hasAttribute("data-results")) window.location.assign(box.getAttribute("data-results"));
      return;
    }
    if (form.elements.timeup) form.elements.timeup.value = "1";
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
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
        timeUp(box);
      }
    }
    tick();
    timer = setInterval(tick, 1000);
  }

  /* A challenge sent from the feedback comes back in place: the focus goes to what it says
     (sent, or what to correct) rather than falling to the page. */
  function focusChallenge(box) {
    var target = box.querySelector("[data-focus]") || box.querySelector("[aria-invalid=true]");
    if (target) target.focus();
  }

  document.addEventListener("DOMContentLoaded", startTimer);
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.target;
    if (!target || !target.id) return;
    if (target.id === "step") {
      focusStep();
      startTimer();
    } else if (target.id === "screen") {
      startTimer(); /* the live projector: htmx keeps the focus on the button it was on */
    } else if (target.classList.contains("challenge")) {
      focusChallenge(target);
    } else if (target.id === "main") {
      target.focus();  // an error page took the main content's place
    }
  });
})();
