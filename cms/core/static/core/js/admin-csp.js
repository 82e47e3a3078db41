// Wagtail's rich-text editor (Draftail) renders <style> elements through React (empty-block
// placeholders, nested list numbering), which the admin's `style-src 'self'` would block. Style
// elements that the admin's own scripts create get this page's CSP nonce; markup that reaches the
// page by any other way (parsed HTML) still needs it and never has it (cms/core/csp.py).
(function () {
  'use strict';
  var script = document.currentScript;
  var nonce = script && script.nonce;
  if (!nonce) {
    return;
  }
  var createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (tagName, options) {
    var element = createElement.call(this, tagName, options);
    if (String(tagName).toLowerCase() === 'style') {
      element.nonce = nonce;
    }
    return element;
  };
})();
