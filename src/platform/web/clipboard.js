// The page half of the clipboard (clipboard.h). Linked with --js-library.
mergeInto(LibraryManager.library, {
  // Listens for paste on the whole document: the canvas is not editable, so the browser sends the
  // event to the focused element or the body. Returns 1 on a Mac (Cmd is the shortcut key there).
  dd_clipboard_js_install: function (clipboard) {
    document.addEventListener('paste', function (event) {
      var target = event.target;
      // An HTML field of the page (none today) keeps its own paste.
      if (target && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      var text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
      if (!text) return;   // an image or files: nothing a text field can take
      event.preventDefault();
      var size = lengthBytesUTF8(text) + 1;
      var ptr = _malloc(size);
      stringToUTF8(text, ptr, size);
      try {
        _dd_clipboard_pasted(clipboard, ptr);
      } finally {
        _free(ptr);
      }
    });
    // navigator.platform is deprecated and userAgentData is Chromium-only (and empty when the user
    // agent is overridden), so the user agent string decides too. iPadOS says "Macintosh" there,
    // and its hardware keyboards use Cmd as well.
    var platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '';
    return /mac/i.test(platform) || /Macintosh|Mac OS X/.test(navigator.userAgent || '') ? 1 : 0;
  },

  // A refused write (no permission, the tab lost focus) is not an error worth a console line:
  // the text is still kept on the C++ side for pasting inside the app.
  dd_clipboard_js_write: function (text) {
    var s = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(s).catch(function () {});
    }
  },
});
