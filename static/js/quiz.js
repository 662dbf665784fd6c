/* Quiz pages, made smoother. Everything works without this file: it only moves focus to
   what changed after an htmx swap (a step, a challenge), counts the time limit down (the
   server enforces it) and sends what is entered when it runs out, lets an ordering list be
   dragged into order (the buttons stay, for keyboards), and sends what is entered along
   with a switch of the interface language. The live quiz's phone (#step)
   and projector (#screen) use it too, for a question's timer. */
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
      box.classList.toggle("last-minute", left <= 60);
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

  /* Drag and drop for an ordering question, with the mouse anywhere on an item and with a
     finger on its grip (so that a finger elsewhere still scrolls the page). The hidden
     inputs move with their items, so the form sends the order shown. */
  function renumber(list) {
    var items = list.querySelectorAll("li");
    items.forEach(function (item, index) {
      item.querySelectorAll("button.move").forEach(function (button) {
        var up = button.value.indexOf("up:") === 0;
        button.disabled = up ? index === 0 : index === items.length - 1;
        var label = button.querySelector(".visually-hidden");
        if (label) label.textContent = label.textContent.replace(/\d+/, String(index + 1));
      });
    });
  }

  function markMoved(list) {
    var form = list.closest("form");
    if (form && !form.elements.moved) {
      var moved = document.createElement("input");
      moved.type = "hidden";
      moved.name = "moved";
      moved.value = "1";
      form.appendChild(moved);
    }
  }

  function enableDragging(list) {
    if (list.classList.contains("draggable")) return;
    list.classList.add("draggable");
    var hint = document.getElementById(list.getAttribute("aria-describedby"));
    if (hint && hint.getAttribute("data-drag-hint")) hint.textContent = hint.getAttribute("data-drag-hint");
    var dragged = null;
    list.addEventListener("pointerdown", function (event) {
      var item = event.target.closest("li");
      if (!item || event.target.closest("button") || event.button > 0) return;
      if (event.pointerType !== "mouse" && !event.target.closest(".grip")) return;
      dragged = item;
      dragged.classList.add("dragging");
      try {
        list.setPointerCapture(event.pointerId);
      } catch (error) { /* a pointer the browser no longer tracks: moves still reach the list */ }
      event.preventDefault();
    });
    list.addEventListener("pointermove", function (event) {
      if (!dragged) return;
      // Near the top or bottom of the screen, the page scrolls towards where the item goes.
      if (event.clientY < 48) window.scrollBy(0, -16);
      else if (event.clientY > window.innerHeight - 48) window.scrollBy(0, 16);
      var before = null;
      var items = list.querySelectorAll("li");
      for (var i = 0; i < items.length; i++) {
        if (items[i] === dragged) continue;
        var box = items[i].getBoundingClientRect();
        if (event.clientY < box.top + box.height / 2) {
          before = items[i];
          break;
        }
      }
      if (before !== dragged.nextElementSibling || (!before && dragged !== list.lastElementChild)) {
        list.insertBefore(dragged, before);
      }
    });
    function drop() {
      if (!dragged) return;
      dragged.classList.remove("dragging");
      dragged = null;
      renumber(list);
      markMoved(list);
    }
    list.addEventListener("pointerup", drop);
    list.addEventListener("pointercancel", drop);
  }

  function enableOrdering() {
    document.querySelectorAll("#step ol.ordering").forEach(enableDragging);
  }

  /* The header's language buttons, on a question: what is entered goes along to
     quizzes:switch_language, and comes back on the page in the other language. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("language-switcher")) return;
    var answer = document.getElementById("answer-form");
    if (answer && answer.getAttribute("data-switch")) {
      form.action = answer.getAttribute("data-switch");
      new FormData(answer).forEach(function (value, name) {
        if (name === "csrfmiddlewaretoken") return;
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.appendChild(input);
      });
    } else if (form.elements.next) {
      // After htmx steps the address is no longer the one the page was loaded at.
      form.elements.next.value = location.pathname + location.search;
    }
  });
  // Back or Forward to a step that htmx swapped in: the whole page comes back from the
  // server (a history restore), without a page load.
  document.addEventListener("htmx:historyRestore", function () {
    startTimer();
    enableOrdering();
  });
  document.addEventListener("DOMContentLoaded", function () {
    startTimer();
    enableOrdering();
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.target;
    if (!target || !target.id) return;
    if (target.id === "step") {
      focusStep();
      startTimer();
      enableOrdering();
    } else if (target.id === "screen") {
      startTimer(); /* the live projector: htmx keeps the focus on the button it was on */
    } else if (target.classList.contains("challenge")) {
      focusChallenge(target);
    } else if (target.id === "main") {
      target.focus();  // an error page took the main content's place
    }
  });
})();
