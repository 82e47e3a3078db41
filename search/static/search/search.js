/* Search results page: the filters (<details data-search-filters>) stay open beside the results
 * on wide screens and start closed behind the 筛选 button on phones (≤ 640px), so the results
 * come first. Progressive enhancement: without this script the filters open from 筛选. */
(function () {
  "use strict";

  var filters = document.querySelector("[data-search-filters]");
  if (!filters || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 40.0625rem)");

  function follow() {
    filters.open = wide.matches;
  }

  follow();
  if (wide.addEventListener) {
    wide.addEventListener("change", follow);
  }
})();
