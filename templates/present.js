/*
 * The classroom quiz on a projector (tiku course's HTML): a quiz's 演示
 * button shows its questions one at a time in large type. Keys: → or
 * space next, ← back, Enter reveals the answer and explanation, Esc
 * leaves. Kept apart from tiku.js, the site's own script.
 */
(function () {
  "use strict";
  var overlay = null, questions = [], at = 0, title = "";

  function show() {
    var q = questions[at], body = overlay.querySelector(".present-body");
    body.innerHTML = "";
    var copy = q.cloneNode(true);
    var reveal = copy.querySelector("details");
    if (reveal) reveal.open = false;
    body.appendChild(copy);
    overlay.querySelector(".present-count").textContent =
      title + " · " + (at + 1) + " / " + questions.length;
  }

  function close() {
    if (overlay) overlay.remove();
    overlay = null;
    document.removeEventListener("keydown", key);
  }

  function key(e) {
    if (!overlay) return;
    if (e.key === "ArrowRight" || e.key === " " || e.key === "PageDown") {
      if (at < questions.length - 1) { at++; show(); }
    } else if (e.key === "ArrowLeft" || e.key === "PageUp") {
      if (at > 0) { at--; show(); }
    } else if (e.key === "Enter") {
      var d = overlay.querySelector("details");
      if (d) d.open = !d.open;
    } else if (e.key === "Escape") {
      close();
    } else {
      return;
    }
    e.preventDefault();
  }

  function open(quiz) {
    questions = Array.prototype.slice.call(quiz.querySelectorAll("li.question"));
    if (questions.length === 0) return;
    title = quiz.getAttribute("data-title") || "";
    at = 0;
    overlay = document.createElement("div");
    overlay.className = "present-mode";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", title);
    overlay.innerHTML = '<p class="present-count"></p>' +
      '<div class="present-body"></div>' +
      '<p class="present-help">→ 下一题 · ← 上一题 · Enter 显示答案 · Esc 退出</p>';
    document.body.appendChild(overlay);
    document.addEventListener("keydown", key);
    show();
    overlay.focus();
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("button.present") : null;
    if (b) open(b.closest(".quiz"));
  });
})();
