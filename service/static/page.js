// The "who said what" page: sends the text to POST /v1/quotes and draws the
// answer. Every piece of user or API text goes into the DOM through
// textContent or attributes, never parsed as HTML.
(function () {
  "use strict";

  var PALETTE = 8;            // colour classes .c0 ... .c7 in page.css
  var NO_SPEAKER = "none";    // filter key of the quotes nobody is named for

  var form = document.getElementById("form");
  var textArea = document.getElementById("text");
  var fileInput = document.getElementById("file");
  var keyInput = document.getElementById("key");
  var runButton = document.getElementById("run");
  var statusLine = document.getElementById("status");
  var errorLine = document.getElementById("error");
  var result = document.getElementById("result");
  var speakerList = document.getElementById("speakers");
  var stats = document.getElementById("stats");
  var output = document.getElementById("output");
  var detail = document.getElementById("detail");

  var current = null;         // {text, data, speakerOf: {quoteId: key}}
  var filter = null;          // speaker key shown alone, or null for all

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // ---- errors in plain words -------------------------------------------

  function fieldMessages(details) {
    var fields = (details && details.fields) || {};
    var out = [];
    Object.keys(fields).forEach(function (name) {
      var messages = fields[name];
      out.push(name + ": " + (Array.isArray(messages) ? messages.join(" ") : JSON.stringify(messages)));
    });
    return out.join("; ");
  }

  function plainError(status, error) {
    var code = error && error.code;
    var details = (error && error.details) || {};
    var message = (error && error.message) || "";
    if (code === "text_too_long") {
      return "The text is too long: " + (details.chars || "its") + " characters, and the service takes at most " +
        (details.max_chars || "fewer") + ". Shorten it or split it into several parts.";
    }
    if (code === "body_too_large" || status === 413) {
      return "The text is too long for the service to accept" + (details.max_bytes ? " (at most " + details.max_bytes + " bytes)" : "") +
        ". Shorten it or split it into several parts.";
    }
    if (code === "validation_error") {
      var text = (details.fields && details.fields.text) || [];
      var joined = Array.isArray(text) ? text.join(" ") : String(text);
      if (/empty|missing/i.test(joined)) return "The text is empty: paste an article or open a .txt file.";
      return "The service did not accept the text (" + (fieldMessages(details) || message) + ").";
    }
    if (code === "unauthorized" || status === 401) {
      return keyInput.value.trim()
        ? "The service did not accept this API key. Check it and try again."
        : "This service needs an API key: enter it in the \u201cAPI key\u201d field.";
    }
    if (code === "not_ready" || status === 503) {
      return "The service is still starting up. Try again in a few seconds.";
    }
    if (code === "invalid_utf8") return "The text is not valid UTF-8.";
    if (status >= 500) return "The service failed on this text (" + (code || status) + "). Try again, or report it.";
    return message ? "The service refused the request: " + message : "The service answered with an error (HTTP " + status + ").";
  }

  function showError(message) {
    errorLine.textContent = message;
    statusLine.textContent = "";
    result.hidden = true;
  }

  // ---- offsets: code points (API) -> UTF-16 units (JavaScript) -------------

  function codeUnitIndex(text) {
    // index[i] is the UTF-16 position of the i-th code point; index[n] = text.length
    var index = [];
    var unit = 0;
    for (var cp = 0; unit < text.length; cp++) {
      index.push(unit);
      var code = text.charCodeAt(unit);
      unit += (code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length) ? 2 : 1;
    }
    index.push(text.length);
    return index;
  }

  // ---- drawing ---------------------------------------------------------

  function speakerKeys(data) {
    var speakerOf = {};
    var colourOf = {};
    data.speakers.forEach(function (speaker, i) {
      var key = "s" + i;
      colourOf[key] = "c" + (i % PALETTE);
      speaker.quotes.forEach(function (id) { speakerOf[id] = key; });
    });
    data.quotes.forEach(function (quote) {
      if (!speakerOf[quote.id]) speakerOf[quote.id] = NO_SPEAKER;
    });
    colourOf[NO_SPEAKER] = "cn";
    return {speakerOf: speakerOf, colourOf: colourOf};
  }

  // Every span to draw, as {start, end, kind, quote}; offsets in code points.
  function spansOf(data) {
    var spans = [];
    data.quotes.forEach(function (q) {
      spans.push({start: q.start, end: q.end, kind: "q", quote: q});
      if (q.cue) spans.push({start: q.cue.start, end: q.cue.end, kind: "cue", quote: q});
      if (q.speaker && q.speaker.end > q.speaker.start) {
        spans.push({start: q.speaker.start, end: q.speaker.end, kind: "spk", quote: q});
      }
    });
    return spans.filter(function (s) { return s.end > s.start; });
  }

  function describeQuote(q) {
    var who = q.speaker ? q.speaker.name : "no speaker found";
    var parts = [q.id, q.type, who];
    if (q.cue) parts.push("cue \u00ab" + q.cue.text + "\u00bb");
    parts.push("rule " + q.rule, "confidence " + q.confidence);
    return parts.join(" \u00b7 ");
  }

  function describeSpeaker(s) {
    var text = "\u00ab" + s.text + "\u00bb \u2192 " + s.name + " (" + s.kind +
      (s.organization && s.organization !== s.name ? ", " + s.organization : "") + ")";
    if (s.resolved && s.antecedent) {
      text += ": refers back to \u00ab" + s.antecedent.text + "\u00bb";
    }
    return text;
  }

  function draw(text, data) {
    var keys = speakerKeys(data);
    current = {text: text, data: data, speakerOf: keys.speakerOf, colourOf: keys.colourOf};
    filter = null;
    var units = codeUnitIndex(text);
    var spans = spansOf(data);
    // Antecedents are drawn as their own segments so that hovering the
    // anaphor can light them up.
    var antecedents = [];
    data.quotes.forEach(function (q) {
      var s = q.speaker;
      if (s && s.resolved && s.antecedent && s.antecedent.end > s.antecedent.start) {
        antecedents.push(s.antecedent);
      }
    });
    var last = units.length - 1;   // the text's length in code points
    var cuts = {0: true};
    cuts[last] = true;
    spans.concat(antecedents).forEach(function (s) { cuts[s.start] = true; cuts[s.end] = true; });
    var points = Object.keys(cuts).map(Number).filter(function (p) {
      return p >= 0 && p <= last;
    }).sort(function (a, b) { return a - b; });

    var fragment = document.createDocumentFragment();
    for (var i = 0; i + 1 < points.length; i++) {
      var a = points[i], b = points[i + 1];
      var piece = text.slice(units[a], units[b]);
      var covering = spans.filter(function (s) { return s.start <= a && b <= s.end; });
      var ante = antecedents.filter(function (s) { return s.start <= a && b <= s.end; });
      if (!covering.length && !ante.length) {
        fragment.appendChild(document.createTextNode(piece));
        continue;
      }
      fragment.appendChild(segment(piece, a, covering, ante.length > 0, keys));
    }
    output.textContent = "";
    output.appendChild(fragment);

    drawSpeakers(data, keys);
    stats.textContent = plural(data.quotes.length, "quote", "quotes") + ", " +
      plural(data.speakers.length, "speaker", "speakers") + ", " +
      plural(data.stats.sentences, "sentence", "sentences") + " \u00b7 " +
      data.stats.elapsed_ms + " ms on the server";
    detail.textContent = data.quotes.length
      ? "Hover or tap a highlighted passage, a reporting word or a speaker for details."
      : "No quotes found in this text.";
    result.hidden = false;
  }

  function segment(piece, start, covering, isAntecedent, keys) {
    var node = el(covering.some(function (s) { return s.kind === "q"; }) ? "mark" : "span", "seg", piece);
    var quoteIds = [];
    var titles = [];
    var owner = null;
    covering.forEach(function (s) {
      if (quoteIds.indexOf(s.quote.id) < 0) quoteIds.push(s.quote.id);
      if (s.kind === "q") {
        owner = s.quote;
        node.classList.add("q");
        titles.push(describeQuote(s.quote));
      } else if (s.kind === "cue") {
        node.classList.add("cue");
        titles.push("reporting word of " + s.quote.id + ": \u00ab" + s.quote.cue.text + "\u00bb (" + s.quote.cue.lemma + ")");
      } else if (s.kind === "spk") {
        node.classList.add("spk");
        if (s.quote.speaker.resolved) node.classList.add("resolved");
        titles.push("speaker of " + s.quote.id + ": " + describeSpeaker(s.quote.speaker));
        if (s.quote.speaker.antecedent) {
          node.dataset.ante = s.quote.speaker.antecedent.start + ":" + s.quote.speaker.antecedent.end;
        }
      }
    });
    if (isAntecedent) {
      node.classList.add("ante");
      if (!titles.length) titles.push("mentioned again later as the speaker");
    }
    var colourFrom = owner || (covering[0] && covering[0].quote);
    if (colourFrom) node.classList.add(keys.colourOf[keys.speakerOf[colourFrom.id]]);
    if (owner) node.dataset.quote = owner.id;
    node.dataset.of = quoteIds.join(" ");
    node.dataset.start = String(start);
    node.title = titles.join("\n");
    node.tabIndex = 0;
    return node;
  }

  function drawSpeakers(data, keys) {
    speakerList.textContent = "";
    var rows = data.speakers.map(function (speaker, i) {
      return {key: "s" + i, name: speaker.name, kind: speaker.kind, count: speaker.quotes.length,
              organization: speaker.organization && speaker.organization !== speaker.name ? speaker.organization : ""};
    });
    var orphans = data.quotes.filter(function (q) { return keys.speakerOf[q.id] === NO_SPEAKER; });
    if (orphans.length) rows.push({key: NO_SPEAKER, name: "No speaker found", kind: "", count: orphans.length});
    rows.forEach(function (row) {
      var item = el("li");
      var button = el("button", "speaker");
      button.type = "button";
      button.dataset.key = row.key;
      button.setAttribute("aria-pressed", "false");
      button.appendChild(el("span", "swatch " + keys.colourOf[row.key]));
      button.appendChild(el("span", "name", row.name));
      if (row.kind) button.appendChild(el("span", "kind", row.organization ? row.kind + " \u00b7 " : row.kind));
      if (row.organization) button.lastChild.appendChild(el("span", "org", row.organization));
      button.appendChild(el("span", "count", plural(row.count, "quote", "quotes")));
      button.addEventListener("click", function () { setFilter(filter === row.key ? null : row.key); });
      item.appendChild(button);
      speakerList.appendChild(item);
    });
  }

  function setFilter(key) {
    filter = key;
    output.classList.toggle("filtered", key !== null);
    Array.prototype.forEach.call(speakerList.querySelectorAll("button.speaker"), function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.key === key));
    });
    Array.prototype.forEach.call(output.querySelectorAll(".seg[data-of]"), function (node) {
      var ids = node.dataset.of ? node.dataset.of.split(" ") : [];
      var shown = key === null || ids.some(function (id) { return current.speakerOf[id] === key; });
      node.classList.toggle("dim", !shown);
    });
  }

  // Hovering or focusing a speaker mention lights up what it refers to; a
  // tap or focus also writes the details under the text (no hover on phones).
  function lightAntecedent(node, on) {
    if (!node || !node.dataset.ante) return;
    var range = node.dataset.ante.split(":").map(Number);
    Array.prototype.forEach.call(output.querySelectorAll(".seg.ante"), function (seg) {
      var start = Number(seg.dataset.start);
      if (start >= range[0] && start < range[1]) seg.classList.toggle("target", on);
    });
  }

  function segOf(event) {
    var node = event.target;
    return node && node.closest ? node.closest(".seg") : null;
  }

  output.addEventListener("mouseover", function (e) { showDetail(segOf(e)); lightAntecedent(segOf(e), true); });
  output.addEventListener("mouseout", function (e) { lightAntecedent(segOf(e), false); });
  output.addEventListener("focusin", function (e) { showDetail(segOf(e)); lightAntecedent(segOf(e), true); });
  output.addEventListener("focusout", function (e) { lightAntecedent(segOf(e), false); });
  output.addEventListener("click", function (e) { showDetail(segOf(e)); });

  function showDetail(node) {
    if (node && node.title) detail.textContent = node.title.split("\n").join(" | ");
  }

  // ---- input -------------------------------------------------------------

  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0];
    if (!file) return;
    file.arrayBuffer().then(function (buffer) {
      var text;
      try {
        text = new TextDecoder("utf-8", {fatal: true}).decode(buffer);
      } catch (notUtf8) {
        // Russian .txt files are often still in Windows-1251.
        text = new TextDecoder("windows-1251").decode(buffer);
      }
      textArea.value = text.replace(/^\ufeff/, "");
      errorLine.textContent = "";
      statusLine.textContent = "Opened " + file.name + " (" + textArea.value.length + " characters).";
    }, function () {
      showError("Could not read " + file.name + ".");
    });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = textArea.value;
    var headers = {"Content-Type": "application/json", "Accept": "application/json"};
    var key = keyInput.value.trim();
    if (key) headers.Authorization = "Bearer " + key;
    errorLine.textContent = "";
    statusLine.textContent = "Looking for quotes\u2026";
    runButton.disabled = true;
    fetch("v1/quotes", {method: "POST", headers: headers, body: JSON.stringify({text: text}),
                        credentials: "same-origin", cache: "no-store"})
      .then(function (response) {
        return response.text().then(function (body) {
          var payload = null;
          try { payload = JSON.parse(body); } catch (notJson) { payload = null; }
          if (!response.ok) {
            showError(plainError(response.status, payload && payload.error));
            return;
          }
          if (!payload || !Array.isArray(payload.quotes)) {
            showError("The service answered with something that is not a list of quotes.");
            return;
          }
          statusLine.textContent = "";
          draw(text, payload);
        });
      })
      .catch(function () {
        showError("Could not reach the service. Check that it is running and try again.");
      })
      .then(function () { runButton.disabled = false; });
  });
})();
