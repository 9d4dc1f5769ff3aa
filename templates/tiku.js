/*
 * tiku.js: the self-study site's only script. Data comes from scripts the
 * core writes (data/LN.js calls tiku.level, data/search.js tiku.search),
 * so every page works from file:// and from any static server, and no
 * page makes a network request. The script presents and scores; it
 * computes nothing the core owns (forms, keys, weights, the search index).
 * What a learner does is kept in localStorage, per level.
 */
"use strict";

var tiku = (function () {
  var LETTERS = "ABCDE";
  var TYPE_LABEL = { judge: "判断题", single: "单选题", multi: "多选题" };
  /* a wrong item leaves the notebook after this many right answers in a row */
  var CLEARS_AFTER = 2;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "html") e.innerHTML = attrs[k];   /* core-made HTML only */
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function byId(id) { return document.getElementById(id); }

  function button(text, attrs, onClick) {
    var b = el("button", Object.assign({ type: "button", text: text }, attrs || {}));
    if (onClick) b.addEventListener("click", onClick);
    return b;
  }

  /* Move the reader to a new part of the page: scrolled to, and focused
   * so that a screen reader and the keyboard carry on from there. */
  function bring(target) {
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
  }

  /* ---- answers ---- */

  /* The shown letters of the key, given the shown order ("BADC"). */
  function keyLetters(item, order) {
    if (item.type === "judge") return item.answer ? "正确" : "错误";
    var shown = "";
    for (var i = 0; i < order.length; i++)
      if (item.answer.indexOf(order[i]) >= 0) shown += LETTERS[i];
    return shown;
  }

  function identity(item) {
    return LETTERS.slice(0, item.options_html.length);
  }

  /* One question as a fieldset of radio buttons or check boxes. */
  function questionBlock(item, order, name, number) {
    var fs = el("fieldset", { class: "question", "data-id": item.id });
    fs.appendChild(el("legend", {}, [
      el("span", { class: "qno", text: number ? number + "." : "" }),
      el("span", { class: "tag", text: TYPE_LABEL[item.type] })
    ]));
    fs.appendChild(el("div", { class: "stem", html: item.stem_html }));
    var choices = item.type === "judge" ? ["正确", "错误"] : order.split("");
    choices.forEach(function (c, i) {
      var id = name + "-" + i;
      var value = item.type === "judge" ? c : LETTERS[i];
      var input = el("input", {
        type: item.type === "multi" ? "checkbox" : "radio",
        name: name, id: id, value: value
      });
      var text = item.type === "judge" ? c : item.options_html[LETTERS.indexOf(c)];
      var label = el("label", { for: id }, [
        el("span", { class: "letter", text: item.type === "judge" ? "" : LETTERS[i] + ". " }),
        el("span", { html: text }),
        el("span", { class: "mark" })
      ]);
      fs.appendChild(el("div", { class: "choice", "data-value": value }, [input, label]));
    });
    return fs;
  }

  function chosen(scope, name) {
    var v = "";
    scope.querySelectorAll("input[name='" + name + "']:checked").forEach(function (i) {
      v += i.value;
    });
    return v;
  }

  /* Set the inputs of a question to a given answer ("AC", "正确"). */
  function setChosen(scope, name, answer) {
    scope.querySelectorAll("input[name='" + name + "']").forEach(function (i) {
      i.checked = !!answer && (i.value === answer || (i.value.length === 1 && answer.indexOf(i.value) >= 0));
    });
  }

  /* Mark a question's options: the key green, a wrong pick red, in
   * words as well as colour. */
  function markOptions(fs, answer, key) {
    fs.querySelectorAll(".choice").forEach(function (c) {
      var v = c.getAttribute("data-value");
      var isKey = v === key || (v.length === 1 && key.indexOf(v) >= 0 && key !== "正确" && key !== "错误");
      var picked = !!answer && (v === answer || (v.length === 1 && answer.indexOf(v) >= 0 && answer !== "正确" && answer !== "错误"));
      c.classList.toggle("key", isKey);
      c.classList.toggle("picked", picked);
      c.classList.toggle("miss", picked && !isKey);
      c.querySelector(".mark").textContent = isKey ? (picked ? "✓ 你的选择，正确" : "✓ 正确答案") :
        picked ? "✗ 你的选择" : "";
      c.querySelector("input").disabled = true;
    });
  }

  /* ---- what a learner did, per level, in localStorage ---- */

  function store(data) {
    var key = "tiku:" + data.code + ":L" + data.level;
    var state;
    try { state = JSON.parse(localStorage.getItem(key)) || {}; } catch (e) { state = {}; }
    state.items = state.items || {};
    state.marks = state.marks || {};
    state.history = state.history || [];
    function save() {
      try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ }
    }
    return {
      state: state,
      save: save,
      get: function (id) { return state.items[id]; },
      /* a wrong answer puts the item in the notebook; it leaves after
       * CLEARS_AFTER right answers in a row */
      put: function (id, ok) {
        var s = state.items[id] || { tries: 0 };
        s.tries++;
        s.ok = ok;
        s.streak = ok ? (s.streak || 0) + 1 : 0;
        if (!ok) s.wrong = true;
        else if (s.wrong && s.streak >= CLEARS_AFTER) s.wrong = false;
        state.items[id] = s;
        save();
        return s;
      },
      inNotebook: function (id) {
        var s = state.items[id];
        return !!s && (s.wrong === undefined ? !s.ok : s.wrong);
      },
      marked: function (id) { return !!state.marks[id]; },
      mark: function (id, on) {
        if (on) state.marks[id] = 1; else delete state.marks[id];
        save();
      },
      reset: function () {
        state.items = {};
        state.marks = {};
        delete state.session;
        save();
      }
    };
  }

  /* ---- practice ---- */

  var MODES = { seq: "顺序练习", random: "随机练习", new: "未做题", wrong: "错题本", marked: "收藏" };

  function shuffle(a) {
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  function practice(data) {
    var root = byId("practice");
    if (!root) return;
    var progress = store(data);
    var items = {};
    data.items.forEach(function (it) { items[it.id] = it; });
    var areaSel = byId("practice-area"), topicSel = byId("practice-topic");
    var status = byId("practice-status"), run = byId("practice-run");
    var box = byId("practice-question"), grid = byId("practice-card-grid");
    var session = null;

    data.areas.forEach(function (a) {
      areaSel.appendChild(el("option", { value: a.area, text: a.area + "（" + a.weight + "%）" }));
    });
    function fillTopics() {
      topicSel.innerHTML = "";
      topicSel.appendChild(el("option", { value: "", text: "全部" }));
      data.topics.forEach(function (t) {
        if (!areaSel.value || t.area === areaSel.value)
          topicSel.appendChild(el("option", { value: t.id, text: t.label }));
      });
    }
    areaSel.addEventListener("change", fillTopics);
    fillTopics();

    function mode() { return root.querySelector("input[name='practice-mode']:checked").value; }

    function select(m, area, topic) {
      var list = data.items.filter(function (it) {
        if (area && it.area !== area) return false;
        if (topic && it.topic !== topic) return false;
        if (m === "new") return !progress.get(it.id);
        if (m === "wrong") return progress.inNotebook(it.id);
        if (m === "marked") return progress.marked(it.id);
        return true;
      }).map(function (it) { return it.id; });
      return m === "random" ? shuffle(list) : list;
    }

    function renderProgress() {
      var out = byId("practice-progress");
      var rows = data.areas.map(function (a) {
        var n = 0, done = 0, ok = 0, wrong = 0, marked = 0;
        data.items.forEach(function (it) {
          if (it.area !== a.area) return;
          n++;
          var s = progress.get(it.id);
          if (s) { done++; if (s.ok) ok++; }
          if (progress.inNotebook(it.id)) wrong++;
          if (progress.marked(it.id)) marked++;
        });
        return el("tr", {}, [
          el("th", { scope: "row", text: a.area }),
          el("td", { text: String(n) }),
          el("td", { text: String(done) }),
          el("td", { text: String(ok) }),
          el("td", { text: done ? Math.round(100 * ok / done) + "%" : "—" }),
          el("td", { text: String(wrong) }),
          el("td", { text: String(marked) })
        ]);
      });
      var wrong = data.items.filter(function (it) { return progress.inNotebook(it.id); }).length;
      var marked = data.items.filter(function (it) { return progress.marked(it.id); }).length;
      out.innerHTML = "";
      out.appendChild(el("div", { class: "table-wrap", tabindex: "0" }, [el("table", { class: "counts" }, [
        el("thead", {}, [el("tr", {}, ["职业功能", "题数", "已做", "做对", "正确率", "错题", "收藏"].map(function (h) {
          return el("th", { scope: "col", text: h });
        }))]),
        el("tbody", {}, rows)
      ])]));
      out.appendChild(el("p", { id: "notebook-count", text: "错题本：" + wrong + " 题 · 收藏：" + marked + " 题" }));
    }

    function save() {
      if (session && session.keep) {
        progress.state.session = {
          mode: session.mode, area: session.area, topic: session.topic,
          ids: session.ids, pos: session.pos, picks: session.picks
        };
        progress.save();
      }
    }

    function stateOf(id) {
      var pick = session.picks[id];
      if (pick === undefined) return "";
      return pick === keyLetters(items[id], identity(items[id])) ? "right" : "wrong";
    }

    function buildGrid() {
      grid.innerHTML = "";
      session.ids.forEach(function (id, n) {
        grid.appendChild(button(String(n + 1), { "data-n": String(n) }, function () {
          go(n);
        }));
      });
      updateGrid();
    }

    function updateGrid() {
      var right = 0, wrong = 0;
      grid.querySelectorAll("button").forEach(function (b, n) {
        var st = stateOf(session.ids[n]);
        if (st === "right") right++;
        if (st === "wrong") wrong++;
        b.className = st;
        b.setAttribute("aria-label", "第 " + (n + 1) + " 题：" +
          (st === "right" ? "答对" : st === "wrong" ? "答错" : "未做") +
          (progress.marked(session.ids[n]) ? "，已收藏" : ""));
        if (n === session.pos) b.setAttribute("aria-current", "step");
        else b.removeAttribute("aria-current");
      });
      byId("practice-card-summary").textContent = "答题卡：答对 " + right + "，答错 " + wrong +
        "，未做 " + (session.ids.length - right - wrong);
    }

    function markButton(id) {
      var on = progress.marked(id);
      var b = button(on ? "已收藏" : "收藏", { class: "secondary mark-item", "aria-pressed": String(on) }, function () {
        on = !progress.marked(id);
        progress.mark(id, on);
        b.textContent = on ? "已收藏" : "收藏";
        b.setAttribute("aria-pressed", String(on));
        updateGrid();
        renderProgress();
      });
      return b;
    }

    function feedback(fs, it, answer) {
      var key = keyLetters(it, identity(it));
      var ok = answer === key;
      var out = fs.parentNode.querySelector(".feedback");
      markOptions(fs, answer, key);
      fs.classList.add(ok ? "right" : "wrong");
      out.innerHTML = "";
      out.className = "feedback " + (ok ? "right" : "wrong");
      out.appendChild(el("p", { class: "verdict", text: ok ? "回答正确。" :
        "回答错误。正确答案：" + key + (it.type === "multi" ? "（多选题全部选对才得分）" : "") }));
      out.appendChild(el("div", { class: "explanation", html: "<p><strong>解析</strong></p>" + it.explanation_html }));
      fs.parentNode.querySelector("button.check").disabled = true;
      return ok;
    }

    function show() {
      var id = session.ids[session.pos], it = items[id], name = "q-" + id;
      status.textContent = MODES[session.mode] + (session.area ? " · " + session.area : "") +
        "：第 " + (session.pos + 1) + " 题，共 " + session.ids.length + " 题";
      box.innerHTML = "";
      var form = el("form", { class: "practice-item" });
      var fs = questionBlock(it, identity(it), name, session.pos + 1);
      var check = el("button", { type: "submit", class: "check", text: "提交答案" });
      form.appendChild(fs);
      form.appendChild(el("p", { class: "actions" }, [check, markButton(id)]));
      form.appendChild(el("div", { class: "feedback", "aria-live": "polite" }));
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var answer = chosen(fs, name);
        if (!answer) {
          form.querySelector(".feedback").textContent = "请先选择答案。";
          return;
        }
        session.picks[id] = answer;
        progress.put(id, feedback(fs, it, answer));
        save();
        updateGrid();
        renderProgress();
        var next = byId("practice-next");
        if (next && !next.disabled) next.focus();
      });
      box.appendChild(form);
      if (session.picks[id] !== undefined) {
        setChosen(fs, name, session.picks[id]);
        feedback(fs, it, session.picks[id]);
      }
      byId("practice-prev").disabled = session.pos === 0;
      byId("practice-next").disabled = session.pos >= session.ids.length - 1;
      updateGrid();
    }

    function go(n) {
      session.pos = n;
      save();
      show();
      bring(box.querySelector("legend"));
    }

    function begin(s) {
      session = s;
      session.picks = session.picks || {};
      if (!session.ids.length) {
        run.hidden = true;
        status.textContent = session.mode === "wrong" ? "错题本是空的。" :
          session.mode === "marked" ? "还没有收藏题目。" :
          session.mode === "new" ? "这一范围的题目都已做过。" : "没有符合条件的题目。";
        return;
      }
      run.hidden = false;
      buildGrid();
      show();
    }

    byId("practice-prev").addEventListener("click", function () { go(session.pos - 1); });
    byId("practice-next").addEventListener("click", function () { go(session.pos + 1); });
    byId("practice-setup").addEventListener("submit", function (e) {
      e.preventDefault();
      var m = mode();
      begin({ keep: true, mode: m, area: areaSel.value, topic: topicSel.value, pos: 0,
        ids: select(m, areaSel.value, topicSel.value) });
      save();
      if (session.ids.length) bring(box.querySelector("legend"));
    });
    byId("practice-reset").addEventListener("click", function () {
      if (window.confirm("清除本级别的练习进度、错题本和收藏？")) {
        progress.reset();
        session = null;
        run.hidden = true;
        status.textContent = "";
        renderProgress();
      }
    });
    renderProgress();

    var wanted = new URLSearchParams(location.search).get("item");
    var saved = progress.state.session;
    if (wanted && items[wanted]) {
      begin({ keep: false, mode: "seq", area: "", topic: "", pos: 0, ids: [wanted] });
    } else if (saved && saved.ids && saved.ids.length) {
      /* resume where the learner left off; drop items the bank lost */
      saved.ids = saved.ids.filter(function (id) { return items[id]; });
      saved.pos = Math.max(0, Math.min(saved.pos || 0, saved.ids.length - 1));
      saved.keep = true;
      areaSel.value = saved.area || "";
      fillTopics();
      topicSel.value = saved.topic || "";
      var radio = root.querySelector("input[name='practice-mode'][value='" + saved.mode + "']");
      if (radio) radio.checked = true;
      begin(saved);
    }
  }

  /* ---- mock exams ---- */

  /* Per area, the score against the weight as bars: an inline SVG. */
  function areaChart(areas, byArea) {
    var NS = "http://www.w3.org/2000/svg", row = 28, left = 112, width = 220;
    var max = Math.max.apply(null, areas.map(function (a) { return a.weight; }));
    var svg = document.createElementNS(NS, "svg");
    function s(tag, attrs, text) {
      var e = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text !== undefined) e.textContent = text;
      return e;
    }
    svg.setAttribute("viewBox", "0 0 " + (left + width + 70) + " " + (areas.length * row + 8));
    svg.setAttribute("class", "chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "各部分得分与分值：" + areas.map(function (a) {
      return a.area + " " + byArea[a.area] + "/" + a.weight;
    }).join("，"));
    areas.forEach(function (a, i) {
      var y = i * row + 4, w = width * a.weight / max, got = width * byArea[a.area] / max;
      svg.appendChild(s("text", { x: left - 6, y: y + 17, "text-anchor": "end", class: "label" }, a.area));
      svg.appendChild(s("rect", { x: left, y: y + 3, width: w, height: 18, class: "full" }));
      svg.appendChild(s("rect", { x: left, y: y + 3, width: got, height: 18,
        class: byArea[a.area] * 100 >= a.weight * 60 ? "got" : "got low" }));
      svg.appendChild(s("text", { x: left + w + 6, y: y + 17, class: "value" }, byArea[a.area] + "/" + a.weight));
    });
    return svg;
  }

  function mock(data) {
    var root = byId("mock");
    if (!root) return;
    var progress = store(data);
    var items = {};
    data.items.forEach(function (it) { items[it.id] = it; });
    var sel = byId("mock-form"), paper = byId("mock-paper"), sheet = byId("mock-sheet-grid");
    var result = byId("mock-result"), dialog = byId("mock-confirm");
    var timer = null, form = null, attempt = null;

    /* forms are named by their place, A, B, …; the code is the core's */
    function formName(code) {
      var at = data.mock.map(function (f) { return f.code; }).indexOf(code);
      return "模拟卷 " + (at >= 0 && at < 26 ? String.fromCharCode(65 + at) : code);
    }
    function findForm(code) { return data.mock.filter(function (f) { return f.code === code; })[0]; }

    data.mock.forEach(function (f) {
      sel.appendChild(el("option", { value: f.code, text: formName(f.code) + "（" + f.items.length + " 题）" }));
    });
    if (!data.mock.length) {
      byId("mock-setup").hidden = true;
      result.textContent = "题库尚不足以组成模拟卷。";
      return;
    }

    function clock(left) {
      var m = Math.floor(left / 60), s = left % 60;
      byId("mock-clock").textContent = m + ":" + (s < 10 ? "0" : "") + s;
    }

    function blanks() {
      return form.items.filter(function (e, n) { return !attempt.picks[n]; }).length;
    }

    function updateSheet() {
      sheet.querySelectorAll("a").forEach(function (a, n) {
        var done = !!attempt.picks[n];
        a.className = done ? "done" : "";
        a.setAttribute("aria-label", "第 " + (n + 1) + " 题：" + (done ? "已答" : "未答"));
      });
      byId("mock-done").textContent = "已答 " + (form.items.length - blanks()) + "/" + form.items.length;
    }

    function history() {
      var box = byId("mock-history");
      box.innerHTML = "";
      var h = progress.state.history;
      if (!h.length) {
        box.appendChild(el("p", { class: "meta", text: "还没有考试记录。" }));
        return;
      }
      box.appendChild(el("div", { class: "table-wrap", tabindex: "0" }, [el("table", { class: "counts", id: "mock-history-table" }, [
        el("thead", {}, [el("tr", {}, ["时间", "试卷", "得分", "结果", "回顾"].map(function (t) {
          return el("th", { scope: "col", text: t });
        }))]),
        el("tbody", {}, h.slice().reverse().map(function (r) {
          return el("tr", {}, [
            el("th", { scope: "row", text: new Date(r.at).toLocaleString("zh-CN", { hour12: false }) }),
            el("td", { text: formName(r.code) }),
            el("td", { text: String(r.score) }),
            el("td", { text: r.pass ? "合格" : "不合格" }),
            el("td", {}, [button("查看", { "aria-label": "查看 " + formName(r.code) + " " + r.score + " 分的回顾" }, function () {
              showResult(r);
            })])
          ]);
        }))
      ])]));
    }

    function save() {
      progress.state.exam = attempt;
      progress.save();
    }

    function open(code, resumed) {
      form = findForm(code);
      if (!form) return false;
      paper.innerHTML = "";
      sheet.innerHTML = "";
      var type = null, section = null;
      form.items.forEach(function (entry, n) {
        var it = items[entry.id];
        if (it.type !== type) {
          type = it.type;
          section = el("section", { class: "part" }, [el("h2", { text: TYPE_LABEL[type] })]);
          paper.appendChild(section);
        }
        var fs = questionBlock(it, entry.order, "m-" + n, n + 1);
        fs.id = "mq-" + (n + 1);
        section.appendChild(fs);
        if (attempt.picks[n]) setChosen(fs, "m-" + n, attempt.picks[n]);
        sheet.appendChild(el("a", { href: "#mq-" + (n + 1), text: String(n + 1) }));
      });
      paper.appendChild(el("p", { class: "actions" }, [el("button", { type: "submit", id: "mock-submit", text: "交卷" })]));
      byId("mock-form-name").textContent = formName(code) + (resumed ? "（已恢复上次未交的作答）" : "");
      byId("mock-setup").hidden = true;
      byId("mock-history-box").hidden = true;
      byId("mock-exam").hidden = false;
      result.innerHTML = "";
      updateSheet();
      tick();
      timer = setInterval(tick, 1000);
      return true;
    }

    function tick() {
      var left = Math.max(0, Math.round((attempt.deadline - Date.now()) / 1000));
      clock(left);
      if (left <= 0) finish();
    }

    function begin(code) {
      attempt = { code: code, deadline: Date.now() + data.minutes * 60000, picks: {} };
      save();
      open(code, false);
      bring(paper.querySelector("legend"));
    }

    paper.addEventListener("change", function (e) {
      var m = /^m-(\d+)$/.exec(e.target.name || "");
      if (!m || !attempt) return;
      var v = chosen(paper, e.target.name);
      if (v) attempt.picks[m[1]] = v; else delete attempt.picks[m[1]];
      save();
      updateSheet();
    });
    paper.addEventListener("submit", function (e) {
      e.preventDefault();
      var n = blanks();
      byId("mock-confirm-text").textContent = n ? "还有 " + n + " 题未作答（共 " + form.items.length +
        " 题），交卷后不能再改。确认交卷？" : "全部 " + form.items.length + " 题都已作答。确认交卷？";
      dialog.showModal();
    });
    byId("mock-confirm-back").addEventListener("click", function () { dialog.close(); });
    byId("mock-confirm-submit").addEventListener("click", function () {
      dialog.close();
      finish();
    });

    /* Score the attempt, keep it in the history, and put what was
     * answered into the practice record (wrong answers into the notebook). */
    function finish() {
      if (timer) clearInterval(timer);
      timer = null;
      if (dialog.open) dialog.close();
      var byArea = {}, total = 0;
      data.areas.forEach(function (a) { byArea[a.area] = 0; });
      form.items.forEach(function (e, n) {
        var it = items[e.id], answer = attempt.picks[n];
        var ok = answer === keyLetters(it, e.order);
        if (ok) { total += e.points; byArea[it.area] += e.points; }
        if (answer) progress.put(it.id, ok);
      });
      var record = { code: form.code, at: Date.now(), score: total, pass: total >= data.pass_mark,
        areas: byArea, picks: attempt.picks };
      progress.state.history.push(record);
      progress.state.history = progress.state.history.slice(-50);
      attempt = null;
      delete progress.state.exam;
      progress.save();
      byId("mock-exam").hidden = true;
      paper.innerHTML = "";
      showResult(record);
    }

    function showResult(r) {
      form = findForm(r.code);
      if (!form) return;
      byId("mock-setup").hidden = false;
      byId("mock-history-box").hidden = false;
      history();
      result.innerHTML = "";
      result.appendChild(el("h2", { id: "mock-score", text: formName(r.code) + " 得分 " + r.score +
        " 分（满分 100 分）：" + (r.pass ? "合格" : "不合格") }));
      result.appendChild(el("p", { class: "actions" }, [
        button("重做本卷", { id: "mock-retake" }, function () { begin(r.code); }),
        el("a", { href: "practice.html", text: "去练习错题" })
      ]));
      result.appendChild(el("div", { class: "table-wrap", tabindex: "0" }, [el("table", { class: "counts", id: "mock-areas" }, [
        el("caption", { text: "各部分得分（分值即理论知识权重）" }),
        el("thead", {}, [el("tr", {}, ["部分", "得分", "分值"].map(function (h) {
          return el("th", { scope: "col", text: h });
        }))]),
        el("tbody", {}, data.areas.map(function (a) {
          return el("tr", {}, [el("th", { scope: "row", text: a.area }),
            el("td", { text: String(r.areas[a.area] || 0) }), el("td", { text: String(a.weight) })]);
        }))
      ])]));
      result.appendChild(areaChart(data.areas, r.areas));
      result.appendChild(el("h2", { text: "逐题回顾" }));
      var ol = el("ol", { class: "review" });
      form.items.forEach(function (e, n) {
        var it = items[e.id], answer = r.picks[n] || "", key = keyLetters(it, e.order);
        var ok = answer === key;
        var fs = questionBlock(it, e.order, "r-" + (n + 1), n + 1);
        setChosen(fs, "r-" + (n + 1), answer);
        markOptions(fs, answer, key);
        fs.classList.add(ok ? "right" : "wrong");
        fs.appendChild(el("p", { class: "verdict", text: (ok ? "正确" : answer ? "错误" : "未作答") +
          "；正确答案：" + key + "（" + e.points + " 分）" }));
        fs.appendChild(el("div", { class: "explanation", html: "<p><strong>解析</strong></p>" + it.explanation_html }));
        ol.appendChild(el("li", {}, [fs]));
      });
      result.appendChild(ol);
      bring(byId("mock-score"));
    }

    byId("mock-setup").addEventListener("submit", function (e) {
      e.preventDefault();
      begin(sel.value);
    });
    history();
    /* an attempt survives a reload, Back or a closed tab until 交卷 or time */
    attempt = progress.state.exam || null;
    if (attempt && findForm(attempt.code)) {
      attempt.picks = attempt.picks || {};
      open(attempt.code, true);
    } else {
      attempt = null;
    }
  }

  /* ---- reading: the syllabus's table of contents, printing ---- */

  /* A table of contents from the syllabus's headings: a sidebar on a
   * wide screen, folded above the text on a phone. */
  function contents() {
    var art = document.querySelector("article.syllabus");
    if (!art) return;
    var top = el("ol"), sub = null;
    art.querySelectorAll("h2[id], h3[id]").forEach(function (h) {
      var label = h.cloneNode(true);
      label.querySelectorAll(".tag").forEach(function (t) { t.remove(); });
      var li = el("li", {}, [el("a", { href: "#" + h.id, text: label.textContent.trim() })]);
      if (h.localName === "h2") {
        top.appendChild(li);
        sub = null;
      } else {
        if (!sub) {
          sub = el("ol");
          (top.lastElementChild || top).appendChild(sub);
        }
        sub.appendChild(li);
      }
    });
    var box = el("details", { class: "toc", id: "toc" }, [el("summary", { text: "目录" }),
      el("nav", { "aria-label": "目录" }, [top])]);
    var wide = window.matchMedia("(min-width: 64rem)");
    box.open = wide.matches;
    wide.addEventListener("change", function () { box.open = wide.matches; });
    art.parentNode.insertBefore(box, art);
    art.parentNode.classList.add("with-toc");
  }

  /* Print with every answer and rubric shown, then fold them again. */
  function printable() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  /* ---- a bank page: a filter by type, difficulty and part ---- */

  function bankFilter() {
    var art = document.querySelector("article.bank");
    var head = art && art.querySelector("header.doc");
    if (!head || !art.querySelector("li.item")) return;
    var items = art.querySelectorAll("li.item");
    var sections = [].slice.call(art.querySelectorAll("section")).filter(function (s) {
      return s.querySelector("li.item");
    });
    var TYPES = { judge: "判断题", single: "单选题", multi: "多选题", skill: "操作技能", review: "综合评审" };
    function select(id, label, options) {
      var s = el("select", { id: id }, [el("option", { value: "", text: "全部" })].concat(options.map(function (o) {
        return el("option", { value: o[0], text: o[1] });
      })));
      return [el("label", { for: id, text: label }), s];
    }
    var types = Object.keys(TYPES).filter(function (t) { return art.querySelector("li.item[data-type='" + t + "']"); });
    var type = select("bank-type", "题型", types.map(function (t) { return [t, TYPES[t]]; }));
    var diff = select("bank-difficulty", "难度", [1, 2, 3, 4, 5].map(function (d) { return [String(d), String(d)]; }));
    var part = select("bank-part", "部分", sections.map(function (s, i) {
      return [String(i), s.querySelector("h2").firstChild.textContent];
    }));
    var count = el("p", { id: "bank-count", class: "meta", "aria-live": "polite" });
    /* a page of the site's split bank is one part: no part to choose */
    var form = el("form", { class: "setup bank-filter", "aria-label": "筛选题目" },
      [el("p", {}, type), el("p", {}, diff)].concat(sections.length > 1 ? [el("p", {}, part)] : [], [count]));
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    function apply() {
      var t = type[1].value, d = diff[1].value, p = part[1].value, shown = 0;
      sections.forEach(function (s, i) {
        var any = false;
        s.querySelectorAll("li.item").forEach(function (li) {
          var on = (!p || p === String(i)) && (!t || li.getAttribute("data-type") === t) &&
            (!d || li.getAttribute("data-difficulty") === d);
          li.hidden = !on;
          if (on) { any = true; shown++; }
        });
        s.hidden = !any;
      });
      count.textContent = "显示 " + shown + " 题，共 " + items.length + " 题";
    }
    [type[1], diff[1], part[1]].forEach(function (s) { s.addEventListener("change", apply); });
    head.appendChild(form);
    apply();
  }

  /* ---- search ---- */

  /*
   * The search key of a text, folded as the core folds the index (text.c's
   * text_search_key; an entry carries its key where it differs from its
   * text): full-width ASCII to half width, ASCII white space and U+3000
   * dropped, ASCII letters lower case. map[i] is the
   * index in text of the key's i-th character, for highlighting.
   */
  function searchKey(text) {
    var key = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
      if (c === 0x3000 || c === 32 || (c >= 9 && c <= 13)) continue;
      if (c >= 65 && c <= 90) c += 32;
      key += String.fromCharCode(c);
      map.push(i);
    }
    return { key: key, map: map };
  }

  /* The text with every term's matches in <mark>. */
  function highlighted(text, terms) {
    var k = searchKey(text), on = new Array(text.length + 1).join("0").split("");
    terms.forEach(function (t) {
      for (var at = k.key.indexOf(t); at >= 0 && t; at = k.key.indexOf(t, at + t.length))
        for (var i = k.map[at]; i <= k.map[at + t.length - 1]; i++) on[i] = "1";
    });
    var out = [], start = 0;
    for (var i = 1; i <= text.length; i++)
      if (i === text.length || on[i] !== on[start]) {
        var part = text.slice(start, i);
        out.push(on[start] === "1" ? el("mark", { text: part }) : document.createTextNode(part));
        start = i;
      }
    return out;
  }

  /* Every term found; more for the whole query in one piece, for a hit
   * near the start, for the standard's own text, and for a short text. */
  function rank(e, terms, whole) {
    var score = 0, key = e.key !== undefined ? e.key : e.text;
    for (var i = 0; i < terms.length; i++) {
      var at = key.indexOf(terms[i]);
      if (at < 0) return -1;
      score += 10 + (at < 12 ? 4 : 0);
    }
    if (terms.length > 1 && key.indexOf(whole) >= 0) score += 20;
    if (e.source === "standard") score += 6;
    return score - Math.min(key.length, 200) / 40;
  }

  function search(index) {
    var list = byId("search-results");
    if (!list) return;
    var q = (new URLSearchParams(location.search).get("q") || "").trim();
    byId("search-q").value = q;
    if (!q) {
      byId("search-status").textContent = "输入要查找的文字，例如“OPC UA”“MQTT 主题”或“4~20mA”；几个词用空格分开，同时包含才算找到。";
      return;
    }
    var terms = q.split(/[\s\u3000]+/).map(function (t) { return searchKey(t).key; })
      .filter(function (t) { return t; });
    var whole = searchKey(q).key;
    var hits = [];
    index.entries.forEach(function (e, i) {
      var s = rank(e, terms, whole);
      if (s >= 0) hits.push({ e: e, s: s, i: i });
    });
    hits.sort(function (a, b) { return b.s - a.s || a.i - b.i; });
    byId("search-status").textContent = "“" + q + "”：" + hits.length + " 条结果";
    var SHOWN = 50;
    index.groups.forEach(function (g) {
      var mine = hits.filter(function (h) { return h.e.group === g.id; });
      if (!mine.length) return;
      var ol = el("ol", { class: "results" });
      mine.slice(0, SHOWN).forEach(function (h) {
        ol.appendChild(el("li", {}, [el("span", { class: "tag", text: h.e.kind }),
          el("a", { href: h.e.href }, highlighted(h.e.text, terms))]));
      });
      list.appendChild(el("section", { class: "group" }, [
        el("h2", { text: g.name + "（" + mine.length + " 条" + (mine.length > SHOWN ? "，显示前 " + SHOWN + " 条" : "") + "）" }),
        ol
      ]));
    });
  }

  /* ---- offline: a service worker where the page is served over http(s) ---- */

  /* From file:// neither is fetched: Chromium refuses both there. */
  function offline() {
    var s = document.currentScript;
    if (!s || !/^https?:$/.test(location.protocol)) return;
    document.head.appendChild(el("link", { rel: "icon", href: new URL("icon.svg", s.src).href, type: "image/svg+xml" }));
    if (!("serviceWorker" in navigator)) return;
    var sw = new URL("sw.js", s.src);
    navigator.serviceWorker.register(sw.href, { scope: new URL("./", sw).href }).catch(function () {
      /* still a normal site without it */
    });
  }
  offline();
  function enhance() {
    contents();
    bankFilter();
  }
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", enhance);
  else
    enhance();
  printable();

  return {
    level: function (data) { practice(data); mock(data); },
    search: search
  };
})();
