/* Jiyue public pages: in-page zoom (A+/A−/A) for elderly mode (适老化), so enlarging the text
 * does not depend on the browser. Progressive enhancement only: the zoom buttons ship `hidden`
 * and appear only when this script runs; every page works fully without it. The chosen scale is
 * kept in localStorage and applied as the CSS custom property --zoom on <html>. */
(function () {
  "use strict";

  var STORAGE_KEY = "jiyue-zoom";
  var STEPS = [0.9, 1, 1.15, 1.3, 1.5, 1.75, 2];
  var DEFAULT_INDEX = 1;
  var root = document.documentElement;

  function readIndex() {
    var stored = null;
    try {
      stored = window.localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      return DEFAULT_INDEX; // storage blocked (privacy mode): zoom still works for this page
    }
    var index = STEPS.indexOf(parseFloat(stored));
    return index === -1 ? DEFAULT_INDEX : index;
  }

  function saveIndex(index) {
    try {
      if (index === DEFAULT_INDEX) {
        window.localStorage.removeItem(STORAGE_KEY);
      } else {
        window.localStorage.setItem(STORAGE_KEY, String(STEPS[index]));
      }
    } catch (error) {
      /* not persisted; nothing else to do */
    }
  }

  function apply(index) {
    if (index === DEFAULT_INDEX) {
      root.style.removeProperty("--zoom");
    } else {
      root.style.setProperty("--zoom", String(STEPS[index]));
    }
    root.setAttribute("data-zoom", String(STEPS[index]));
  }

  var current = readIndex();
  apply(current);

  function init() {
    var tools = document.querySelector(".zoom-tools");
    if (!tools) {
      return;
    }
    var status = tools.querySelector(".zoom-status");
    var buttons = tools.querySelectorAll(".zoom-btn");

    function refresh() {
      for (var i = 0; i < buttons.length; i++) {
        var action = buttons[i].getAttribute("data-zoom");
        var atLimit =
          (action === "in" && current === STEPS.length - 1) ||
          (action === "out" && current === 0) ||
          (action === "reset" && current === DEFAULT_INDEX);
        // aria-disabled keeps the button focusable, so keyboard users do not lose their place.
        buttons[i].setAttribute("aria-disabled", atLimit ? "true" : "false");
      }
    }

    tools.addEventListener("click", function (event) {
      var button = event.target.closest(".zoom-btn");
      if (!button || button.getAttribute("aria-disabled") === "true") {
        return;
      }
      var action = button.getAttribute("data-zoom");
      if (action === "in") {
        current = Math.min(current + 1, STEPS.length - 1);
      } else if (action === "out") {
        current = Math.max(current - 1, 0);
      } else {
        current = DEFAULT_INDEX;
      }
      apply(current);
      saveIndex(current);
      refresh();
      if (status) {
        status.textContent = "字号已调整为 " + Math.round(STEPS[current] * 100) + "%";
      }
    });

    tools.hidden = false;
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
