// The question editor, made quicker: the page works without this file.
// - "Add another ..." adds a row in place instead of sending the form back.
// - A passage selected in the source text fills in a quote, with its offsets.
(function () {
  "use strict";

  function renumber(node, from, to) {
    // Labels say "Choice 4": the new row says "Choice 5".
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    var pattern = new RegExp("\\b" + from + "\\b", "g");
    while (walker.nextNode()) {
      walker.currentNode.nodeValue = walker.currentNode.nodeValue.replace(pattern, String(to));
    }
  }

  function addRow(button) {
    var list = button.closest("fieldset").querySelector(".row-list");
    var rows = list.children;
    var last = rows[rows.length - 1];
    var count = rows.length;
    var row = last.cloneNode(true);
    row.classList.remove("has-error");
    row.querySelectorAll(".error").forEach(function (el) { el.remove(); });
    row.querySelectorAll("input").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
      if (input.type === "text") {
        input.value = "";
        input.id = input.id.replace(/-\d+$/, "-" + count);
      } else {
        input.checked = false;
        input.value = String(count);
      }
    });
    row.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = label.htmlFor.replace(/-\d+$/, "-" + count);
    });
    renumber(row, count, count + 1);
    list.appendChild(row);
    row.querySelector("input[type=text]").focus();
  }

  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      addRow(button);
    });
  });

  var text = document.getElementById("pick-text");
  var use = document.getElementById("use-selection");
  if (!text || !use) { return; }
  document.querySelectorAll(".with-script, .picker-actions").forEach(function (el) {
    el.hidden = false;
  });
  var status = document.getElementById("pick-status");

  function codePoints(string) {
    // Offsets on the server count code points; JavaScript counts UTF-16 units.
    return Array.from(string).length;
  }

  function selectedPassage() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return null; }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return null; }
    var before = document.createRange();
    before.setStart(text, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var body = text.textContent;
    var start = before.toString().length;
    var end = start + range.toString().length;
    // A selection often takes a space or line break at either end: leave them out.
    while (start < end && /\s/.test(body[start])) { start += 1; }
    while (end > start && /\s/.test(body[end - 1])) { end -= 1; }
    if (start === end) { return null; }
    return {
      quote: body.slice(start, end),
      start: codePoints(body.slice(0, start)),
      end: codePoints(body.slice(0, end))
    };
  }

  function emptyPassage() {
    var passages = document.querySelectorAll(".passage");
    for (var i = 0; i < passages.length; i += 1) {
      if (!passages[i].querySelector("textarea").value.trim()) { return passages[i]; }
    }
    return null;
  }

  use.addEventListener("click", function () {
    var picked = selectedPassage();
    if (!picked) {
      status.textContent = "Select the words in the source text first.";
      return;
    }
    var passage = emptyPassage();
    if (!passage) {
      status.textContent = "Every passage is filled in: press \u201cAdd another passage\u201d first.";
      return;
    }
    passage.querySelector("select").value = text.dataset.source;
    passage.querySelector("textarea").value = picked.quote;
    passage.querySelector(".passage-start").value = String(picked.start);
    passage.querySelector(".passage-end").value = String(picked.end);
    status.textContent = "The passage is quoted in " +
      passage.querySelector("legend").textContent + ".";
  });
})();
