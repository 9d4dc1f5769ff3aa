/*
 * tiku.js: the self-study site's only script. Data comes from scripts the
 * core writes (data/LN.js calls tiku.level, data/search.js tiku.search),
 * so every page works from file:// and from any static server, and no
 * page makes a network request. The script presents and scores; it
 * computes nothing the core owns.
 */
"use strict";

var tiku = (function () {
  var LETTERS = "ABCDE";
  var TYPE_LABEL = { judge: "判断题", single: "单选题", multi: "多选题" };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "html") e.innerHTML = attrs[k];   /* core-made HTML only */
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  function byId(id) { return document.getElementById(id); }

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
    var legend = el("legend", {}, [
      el("span", { class: "qno", text: number ? number + "." : "" }),
      el("span", { class: "tag", text: TYPE_LABEL[item.type] })
    ]);
    fs.appendChild(legend);
    fs.appendChild(el("div", { class: "stem", html: item.stem_html }));
    var choices = item.type === "judge" ? ["正确", "错误"] : order.split("");
    choices.forEach(function (c, i) {
      var id = name + "-" + i;
      var input = el("input", {
        type: item.type === "multi" ? "checkbox" : "radio",
        name: name, id: id, value: item.type === "judge" ? c : LETTERS[i]
      });
      var text = item.type === "judge" ? c :
        item.options_html[LETTERS.indexOf(c)];
      var label = el("label", { for: id }, [
        el("span", { class: "letter", text: item.type === "judge" ? "" : LETTERS[i] + ". " }),
        el("span", { html: text })
      ]);
      fs.appendChild(el("div", { class: "choice" }, [input, label]));
    });
    return fs;
  }

  function chosen(form, name) {
    var v = "";
    form.querySelectorAll("input[name='" + name + "']:checked").forEach(function (i) {
      v += i.value;
    });
    return v;
  }

  /* ---- progress in localStorage ---- */

  function store(data) {
    var key = "tiku:" + data.code + ":L" + data.level;
    var state;
    try { state = JSON.parse(localStorage.getItem(key)) || {}; } catch (e) { state = {}; }
    state.items = state.items || {};
    return {
      get: function (id) { return state.items[id]; },
      put: function (id, ok) {
        var s = state.items[id] || { tries: 0 };
        s.tries++; s.ok = ok;
        state.items[id] = s;
        try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ }
      },
      reset: function () {
        state.items = {};
        try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
      },
      all: function () { return state.items; }
    };
  }

  /* ---- practice ---- */

  function practice(data) {
    var root = byId("practice");
    if (!root) return;
    var progress = store(data);
    var byIdMap = {};
    data.items.forEach(function (it) { byIdMap[it.id] = it; });
    var areaSel = byId("practice-area"), wcSel = byId("practice-wc");
    data.areas.forEach(function (a) {
      areaSel.appendChild(el("option", { value: a.area, text: a.area + "（" + a.weight + "%）" }));
    });
    function fillWorkContents() {
      var seen = {};
      wcSel.innerHTML = "";
      wcSel.appendChild(el("option", { value: "", text: "全部" }));
      data.items.forEach(function (it) {
        if (areaSel.value && it.area !== areaSel.value) return;
        if (!it.work_content || !it.level) return;
        var uid = "L" + it.level + "-W" + it.work_content;
        if (seen[uid]) return;
        seen[uid] = true;
        wcSel.appendChild(el("option", { value: uid, text: data.work_contents[uid] || uid }));
      });
    }
    areaSel.addEventListener("change", fillWorkContents);
    fillWorkContents();

    var list = [], pos = 0, pageSize = 1;
    var box = byId("practice-questions"), status = byId("practice-status");

    function select() {
      return data.items.filter(function (it) {
        if (areaSel.value && it.area !== areaSel.value) return false;
        if (wcSel.value && "L" + it.level + "-W" + it.work_content !== wcSel.value) return false;
        return true;
      });
    }

    function renderProgress() {
      var out = byId("practice-progress");
      var rows = data.areas.map(function (a) {
        var n = 0, done = 0, ok = 0;
        data.items.forEach(function (it) {
          if (it.area !== a.area) return;
          n++;
          var s = progress.get(it.id);
          if (s) { done++; if (s.ok) ok++; }
        });
        return el("tr", {}, [
          el("th", { scope: "row", text: a.area }),
          el("td", { text: String(n) }),
          el("td", { text: String(done) }),
          el("td", { text: String(ok) }),
          el("td", { text: done ? Math.round(100 * ok / done) + "%" : "—" })
        ]);
      });
      var wrong = Object.keys(progress.all()).filter(function (id) {
        return byIdMap[id] && !progress.get(id).ok;
      }).length;
      out.innerHTML = "";
      out.appendChild(el("div", { class: "table-wrap" }, [el("table", { class: "counts" }, [
        el("thead", {}, [el("tr", {}, ["职业功能", "题数", "已做", "做对", "正确率"].map(function (h) {
          return el("th", { scope: "col", text: h });
        }))]),
        el("tbody", {}, rows)
      ])]));
      out.appendChild(el("p", { id: "notebook-count", text: "错题本：" + wrong + " 题" }));
    }

    function check(fs, it, name) {
      var answer = chosen(fs.closest("form") || fs, name);
      var feedback = fs.querySelector(".feedback");
      if (!answer) {
        feedback.textContent = "请先选择答案。";
        return;
      }
      var key = keyLetters(it, identity(it));
      var ok = answer === key;
      progress.put(it.id, ok);
      feedback.innerHTML = "";
      feedback.className = "feedback " + (ok ? "right" : "wrong");
      feedback.appendChild(el("p", { class: "verdict", text: ok ? "回答正确。" :
        "回答错误。正确答案：" + key + (it.type === "multi" ? "（多选题全部选对才得分）" : "") }));
      feedback.appendChild(el("div", { class: "explanation", html: "<p><strong>解析</strong></p>" + it.explanation_html }));
      fs.querySelectorAll("input").forEach(function (i) { i.disabled = true; });
      fs.querySelector("button.check").disabled = true;
      renderProgress();
    }

    function show() {
      box.innerHTML = "";
      if (!list.length) {
        status.textContent = "没有符合条件的题目。";
        return;
      }
      var end = Math.min(pos + pageSize, list.length);
      status.textContent = "第 " + (pos + 1) + (end - pos > 1 ? "–" + end : "") + " 题，共 " + list.length + " 题";
      var form = el("form", { class: "practice-page" });
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      for (var i = pos; i < end; i++) {
        (function (it, n) {
          var name = "q-" + it.id;
          var fs = questionBlock(it, identity(it), name, n);
          var btn = el("button", { type: "button", class: "check", text: "提交答案" });
          btn.addEventListener("click", function () { check(fs, it, name); });
          fs.appendChild(el("p", { class: "actions" }, [btn]));
          fs.appendChild(el("div", { class: "feedback", "aria-live": "polite" }));
          form.appendChild(fs);
        })(list[i], i + 1);
      }
      var nav = el("p", { class: "actions" });
      if (pos > 0) {
        var prev = el("button", { type: "button", text: "上一" + (pageSize > 1 ? "页" : "题") });
        prev.addEventListener("click", function () { pos = Math.max(0, pos - pageSize); show(); });
        nav.appendChild(prev);
      }
      if (end < list.length) {
        var next = el("button", { type: "button", class: "next", text: "下一" + (pageSize > 1 ? "页" : "题") });
        next.addEventListener("click", function () { pos = end; show(); box.querySelector("fieldset legend").focus(); });
        nav.appendChild(next);
      }
      form.appendChild(nav);
      box.appendChild(form);
    }

    function start(items) {
      list = items;
      pos = 0;
      pageSize = root.querySelector("input[name='practice-mode']:checked").value === "page" ? 10 : 1;
      show();
    }

    byId("practice-setup").addEventListener("submit", function (e) {
      e.preventDefault();
      start(select());
    });
    byId("practice-notebook").addEventListener("click", function () {
      start(data.items.filter(function (it) {
        var s = progress.get(it.id);
        return s && !s.ok;
      }));
      if (!list.length) status.textContent = "错题本是空的。";
    });
    byId("practice-reset").addEventListener("click", function () {
      if (window.confirm("清除本级别的练习进度和错题本？")) {
        progress.reset();
        renderProgress();
      }
    });
    renderProgress();
    var wanted = new URLSearchParams(location.search).get("item");
    if (wanted && byIdMap[wanted]) start([byIdMap[wanted]]);
  }

  /* ---- mock exams ---- */

  function mock(data) {
    var root = byId("mock");
    if (!root) return;
    var items = {};
    data.items.forEach(function (it) { items[it.id] = it; });
    var sel = byId("mock-form");
    data.mock.forEach(function (f) {
      sel.appendChild(el("option", { value: f.code, text: "模拟卷 " + f.code }));
    });
    if (!data.mock.length) {
      byId("mock-setup").hidden = true;
      byId("mock-result").textContent = "题库尚不足以组成模拟卷。";
      return;
    }
    var timer = null, form = null;

    function clock(left) {
      var m = Math.floor(left / 60), s = left % 60;
      byId("mock-clock").textContent = m + ":" + (s < 10 ? "0" : "") + s;
    }

    function submit() {
      if (timer) clearInterval(timer);
      timer = null;
      var paper = byId("mock-paper");
      var byArea = {}, total = 0, review = [];
      data.areas.forEach(function (a) { byArea[a.area] = 0; });
      form.items.forEach(function (e, n) {
        var it = items[e.id];
        var name = "m-" + n;
        var answer = chosen(paper, name);
        var key = keyLetters(it, e.order);
        var ok = answer === key;
        if (ok) { total += e.points; byArea[it.area] += e.points; }
        review.push({ it: it, n: n + 1, answer: answer, key: key, ok: ok, order: e.order, points: e.points });
      });
      paper.querySelectorAll("input,button").forEach(function (i) { i.disabled = true; });
      byId("mock-exam").hidden = true;
      var out = byId("mock-result");
      out.innerHTML = "";
      var pass = total >= data.pass_mark;
      out.appendChild(el("h2", { id: "mock-score", text: "得分 " + total + " 分（满分 100 分）：" + (pass ? "合格" : "不合格") }));
      out.appendChild(el("div", { class: "table-wrap" }, [el("table", { class: "counts", id: "mock-areas" }, [
        el("caption", { text: "各部分得分（分值即理论知识权重）" }),
        el("thead", {}, [el("tr", {}, ["部分", "得分", "分值"].map(function (h) {
          return el("th", { scope: "col", text: h });
        }))]),
        el("tbody", {}, data.areas.map(function (a) {
          return el("tr", {}, [el("th", { scope: "row", text: a.area }),
            el("td", { text: String(byArea[a.area]) }), el("td", { text: String(a.weight) })]);
        }))
      ])]));
      out.appendChild(el("h2", { text: "逐题回顾" }));
      var ol = el("ol", { class: "review" });
      review.forEach(function (r) {
        var li = questionBlock(r.it, r.order, "r-" + r.n, r.n);
        li.querySelectorAll("input").forEach(function (i) { i.disabled = true; });
        li.classList.add(r.ok ? "right" : "wrong");
        li.appendChild(el("p", { class: "verdict", text: (r.ok ? "正确" : "错误") + "。你的答案：" +
          (r.answer || "未作答") + "；正确答案：" + r.key + "（" + r.points + " 分）" }));
        li.appendChild(el("div", { class: "explanation", html: "<p><strong>解析</strong></p>" + r.it.explanation_html }));
        ol.appendChild(el("li", {}, [li]));
      });
      out.appendChild(ol);
      byId("mock-score").setAttribute("tabindex", "-1");
      byId("mock-score").focus();
    }

    byId("mock-setup").addEventListener("submit", function (e) {
      e.preventDefault();
      form = data.mock.filter(function (f) { return f.code === sel.value; })[0];
      var paper = byId("mock-paper");
      paper.innerHTML = "";
      var type = null, section = null;
      form.items.forEach(function (entry, n) {
        var it = items[entry.id];
        if (it.type !== type) {
          type = it.type;
          section = el("section", { class: "part" }, [el("h2", { text: TYPE_LABEL[type] })]);
          paper.appendChild(section);
        }
        section.appendChild(questionBlock(it, entry.order, "m-" + n, n + 1));
      });
      var btn = el("button", { type: "submit", id: "mock-submit", text: "交卷" });
      paper.appendChild(el("p", { class: "actions" }, [btn]));
      paper.onsubmit = function (ev) {
        ev.preventDefault();
        if (window.confirm("确认交卷？")) submit();
      };
      byId("mock-setup").hidden = true;
      byId("mock-exam").hidden = false;
      byId("mock-result").innerHTML = "";
      var left = data.minutes * 60;
      clock(left);
      timer = setInterval(function () {
        left--;
        clock(left);
        if (left <= 0) submit();
      }, 1000);
      paper.querySelector("fieldset legend").setAttribute("tabindex", "-1");
      paper.querySelector("fieldset legend").focus();
    });
  }

  /* ---- search ---- */

  function search(entries) {
    var list = byId("search-results");
    if (!list) return;
    var q = (new URLSearchParams(location.search).get("q") || "").trim();
    byId("search-q").value = q;
    if (!q) {
      byId("search-status").textContent = "输入要查找的文字，例如“OPC UA”或“备份”。";
      return;
    }
    var needle = q.toLowerCase(), hits = entries.filter(function (e) {
      return e.text.toLowerCase().indexOf(needle) >= 0;
    });
    byId("search-status").textContent = "“" + q + "”：" + hits.length + " 条结果" +
      (hits.length > 200 ? "，显示前 200 条" : "");
    hits.slice(0, 200).forEach(function (e) {
      var i = e.text.toLowerCase().indexOf(needle);
      var a = el("a", { href: e.href }, [
        document.createTextNode(e.text.slice(0, i)),
        el("mark", { text: e.text.slice(i, i + q.length) }),
        document.createTextNode(e.text.slice(i + q.length))
      ]);
      list.appendChild(el("li", {}, [el("span", { class: "tag", text: e.level + " · " + e.kind }), a]));
    });
  }

  return {
    level: function (data) { practice(data); mock(data); },
    search: search
  };
})();
