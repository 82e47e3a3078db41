/* Article and disclosure pages: 字号 大/中/小 for the text (a class on .article, kept in
 * localStorage) and the 打印 button. Progressive enhancement: both ship `hidden` and appear only
 * when this script runs. A static file, as the Content-Security-Policy forbids inline scripts. */
(function () {
  "use strict";

  var STORAGE_KEY = "jiyue-article-font";
  var CLASSES = { large: "font-large", medium: "", small: "font-small" };

  function readSize() {
    try {
      var stored = window.localStorage.getItem(STORAGE_KEY);
      return Object.prototype.hasOwnProperty.call(CLASSES, stored) ? stored : "medium";
    } catch (error) {
      return "medium"; // storage blocked: the choice lasts for this page only
    }
  }

  function saveSize(size) {
    try {
      if (size === "medium") {
        window.localStorage.removeItem(STORAGE_KEY);
      } else {
        window.localStorage.setItem(STORAGE_KEY, size);
      }
    } catch (error) {
      /* not persisted; nothing else to do */
    }
  }

  function initFontSize() {
    var article = document.querySelector(".article");
    var tools = document.querySelector(".font-size-tools");
    if (!article || !tools) {
      return;
    }
    var buttons = tools.querySelectorAll("[data-font-size]");

    function apply(size) {
      article.classList.remove(CLASSES.large, CLASSES.small);
      if (CLASSES[size]) {
        article.classList.add(CLASSES[size]);
      }
      for (var i = 0; i < buttons.length; i++) {
        var pressed = buttons[i].getAttribute("data-font-size") === size;
        buttons[i].setAttribute("aria-pressed", pressed ? "true" : "false");
      }
    }

    apply(readSize());
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("[data-font-size]");
      if (!button) {
        return;
      }
      var size = button.getAttribute("data-font-size");
      apply(size);
      saveSize(size);
    });
    tools.hidden = false;
  }

  function initPrint() {
    var button = document.querySelector(".print-button");
    if (!button || typeof window.print !== "function") {
      return;
    }
    button.addEventListener("click", function () {
      window.print();
    });
    button.hidden = false;
  }

  function init() {
    initFontSize();
    initPrint();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
