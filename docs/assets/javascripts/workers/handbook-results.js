/* What the handbook's search shows (runs in Material's search worker, after
 * Material has scored the query; handbook-search.js wires it in).
 *
 * An agent on a live call reads the first results aloud, so this decides what
 * they read, in Material's own result format (groups of page + sections):
 *   1. Order: pages that have the typed run itself (three or more Chinese
 *      characters: 哭也没用, 到外面排队 — often the words an agent nearly said)
 *      first; then pages whose title, matching section title or tags have more of
 *      the query's words (two characters or more) first, then pages whose
 *      matching entries have more of them; for the same match, training
 *      exercises, case stories and section index pages after the others
 *      (answers.pages[url].answer, made at build time); then Material's order.  lunr scores each
 *      section alone and boosts tags a thousand times over titles, so a page
 *      that only mentions a word or repeats it often would otherwise rank
 *      above the page that is about the query.
 *   2. The answer first: within a page, the section that matches best comes
 *      first and is shown with its preview (Material folds every section that
 *      scores below the page's best entry under 「在该页上还有 N 个符合条件的结果」;
 *      those are their headings, each linking to its section).  Only the tags
 *      the query matched are shown.
 *   3. Safe previews: a section that has wording (search/handbook-answers.js,
 *      or page by page with the prepared index's texts; made from the page
 *      outlines at build time) is previewed with its
 *      approved wording (✓ 这样说), never with the text around the first match;
 *      a forbidden line is shown only when the query is in it (the agent may
 *      search the words they nearly said), with its ✗ 不要这样说 label, struck
 *      through, beside its approved counterpart.  Drafted wording shows 「待审」
 *      (the pages' own .draft-label), in our previews and wherever a teaser
 *      quotes a drafted line or note (answers.drafts).
 *      Any other teaser has forbidden lines taken out.
 *   4. "Not found": for a weak query (none of its words of two or more
 *      characters is in any entry; handbook-query.js), only pages that have
 *      the typed run itself count; when none has, the results say
 *      没有找到「…」 and offer the closest entries, labelled as such — never
 *      pages matched on one stray character.
 */
(function (scope) {
  "use strict";

  // Only the first pages in Material's order are re-ordered (an agent reads
  // the first few results); the rest follow as they were.  Past the first
  // screens, a result is its page title alone: Material renders those only on
  // scroll, and copying every matching section's teaser to the page on every
  // keystroke is a large part of the time a big handbook spends per query.
  var RERANK = 50, TEASERS = 30;
  // The page and its best few sections are what an agent reads; each costs layout time.
  var SECTIONS = 4;
  var TEASER = 220; // characters of a plain teaser
  // 待审 looks the same in previews as on the pages (handbook/markdown/wording.py).
  var DRAFT_LABEL = "<span class=\"draft-label\" title=\"尚未经机构审定\">待审</span>";

  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'" };
  // Plain text of a result's field, once per query: ordering and arranging
  // both read it, and section texts are the largest strings in a result.
  var seen = new Map();
  function plain(html) {
    html = String(html || "");
    if (html.length < 64) return strip(html);
    var text = seen.get(html);
    if (text === undefined) seen.set(html, text = strip(html));
    return text;
  }
  function strip(html) {
    return html.replace(/<[^>]*>|\u200b/g, "")
      .replace(/&(amp|lt|gt|quot|#39);/g, function (m) { return ENTITIES[m]; }).toLowerCase();
  }
  // Titles and tags are the same in every answer but for Material's <mark>s,
  // which plain() takes out, so their plain text is kept by location for the
  // life of the worker.  Texts are not: Material sends only the blocks of a text
  // that match the query.
  var fields = new Map();
  function plainOf(item, field) {
    if (field === "text") return plain(item.text);
    var id = field + "\u0000" + item.location;
    var text = fields.get(id);
    if (text === undefined) {
      text = field === "tags" ? (item.tags || []).map(strip) : strip(String(item[field] || ""));
      fields.set(id, text);
    }
    return text;
  }
  function plainText(html) { return html.replace(/<[^>]*>/g, ""); }
  function key(text) { return plain(text).replace(/[^\p{L}\p{N}]+/gu, ""); }
  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }
  function count(text, words) {
    return words.filter(function (word) { return text.indexOf(word) >= 0; }).length;
  }
  // Which of a list of clauses (two characters or more) a text contains, in the
  // list's order: each position of the text is looked up by its first two
  // characters, instead of searching the text once for every clause (some 500
  // clauses, up to a hundred teasers a keystroke).
  function finder(list) {
    var heads = new Map();
    list.forEach(function (clause, id) {
      var head = clause.slice(0, 2);
      if (!heads.has(head)) heads.set(head, []);
      heads.get(head).push(id);
    });
    return function (text) {
      var found = [];
      for (var i = 0; i < text.length - 1; i++) {
        var ids = heads.get(text.substr(i, 2));
        if (ids) ids.forEach(function (id) { if (text.startsWith(list[id], i)) found[id] = true; });
      }
      return list.filter(function (clause, id) { return found[id]; });
    };
  }
  function isArticle(item) { return item.location.indexOf("#") < 0; }
  function pageOf(location) { return location.split("#")[0]; }

  // Every situation's wording, {h: heading, say, dont}: listed once by the
  // prepared index (titles.json, where sections arrive page by page with the
  // texts, handbook-prepared.js), else read off every page's sections.
  function wording(answers) {
    if (answers.wording) return answers.wording;
    var list = [];
    Object.keys(answers.sections).forEach(function (url) {
      var page = answers.sections[url];
      Object.keys(page).forEach(function (heading) { list.push(Object.assign({ h: heading }, page[heading])); });
    });
    return list;
  }

  function makeResults(data, answers) {
    answers = answers || { pages: {}, sections: {} };
    answers.pages = answers.pages || {};
    answers.sections = answers.sections || {};
    // Forbidden lines (reduced to letters and digits) and their clauses of four
    // or more characters, each with the approved line of its situation: prose
    // (a case story, a table of bad habits) quotes them too.
    var forbidden = new Set(), clauses = new Map();
    wording(answers).forEach(function (found) {
      var approved = found.say.map(function (line) { return key(line.t); }).join("\n") + "\n" + key(found.h);
      found.dont.forEach(function (line) {
        forbidden.add(key(line.t));
        line.t.split(/[^\p{L}\p{N}]+/u).forEach(function (clause) {
          clause = clause.toLowerCase();
          if (clause.length >= 4 && approved.indexOf(clause) < 0 && !clauses.has(clause)) {
            clauses.set(clause, found.say[0] || null);
          }
        });
      });
    });
    // Clauses of drafted wording (待审: approved lines and notes written for the
    // handbook, not yet approved), chosen at build time (search_answers.py):
    // wherever a teaser quotes one, it is labelled.
    var drafted = new Set(answers.drafts || []);
    var findClauses = finder(Array.from(clauses.keys())), findDrafted = finder(Array.from(drafted));
    var patterns = new Map();  // clause → RegExp tolerating <mark> tags and spaces between its characters
    function pattern(clause) {
      if (!patterns.has(clause)) {
        var chars = Array.from(clause).map(function (c) { return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
        patterns.set(clause, new RegExp(chars.join("(?:<[^>]*>|\\s)*"), "g"));  // 50方 is 50 方 in prose
      }
      return patterns.get(clause);
    }
    // Label every forbidden clause left in a teaser: ✗ label, struck through,
    // its approved counterpart beside it.
    function label(html) {
      findClauses(plain(html)).forEach(function (clause) {
        var say = clauses.get(clause);
        html = html.replace(pattern(clause), function (quoted) {
          return "<span class=\"hb-dont\"><span class=\"hb-label\">✗ 不要这样说</span><del>" + quoted + "</del>" +
            (say ? "<span class=\"hb-instead\">✓ 改说：" + escape(say.t) + "</span>" : "") + "</span>";
        });
      });
      return html;
    }

    // Label drafted wording in a teaser: the 待审 a block title carries becomes
    // the label, and every quoted drafted clause is marked (.hb-drafted), with
    // a label of its own unless one stands earlier in the same sentence.
    function labelDrafts(html) {
      html = html.replace(/待审/g, DRAFT_LABEL);
      findDrafted(plain(html).replace(/\s+/g, "")).forEach(function (clause) {
        html = html.replace(pattern(clause), function (quoted, offset, whole) {
          var before = plainText(whole.slice(0, offset));
          var sentence = before.slice(Math.max(before.search(/[。！？!?][^。！？!?]*$/), 0));
          return "<span class=\"hb-drafted\">" + (sentence.indexOf("待审") >= 0 ? "" : DRAFT_LABEL) + quoted + "</span>";
        });
      });
      return html;
    }

    function situation(item) {
      var page = answers.sections[pageOf(item.location)];
      if (!page) return null;
      var found = page[isArticle(item) ? "" : plainOf(item, "title").replace(/[^\p{L}\p{N}]+/gu, "")];
      return found && (found.say.length || found.dont.length) ? found : null;
    }

    // Query words in our own previews are marked as Material marks its matches.
    function mark(text, words) {
      var html = escape(text);
      words.slice().sort(function (a, b) { return b.length - a.length; }).forEach(function (word) {
        if (!word) return;
        html = html.split(escape(word)).join("\u0001" + escape(word) + "\u0002");
      });
      return html.replace(/\u0001/g, "<mark>").replace(/\u0002/g, "</mark>");
    }
    function draft(line) { return line.d ? DRAFT_LABEL : ""; }
    function best(lines, words) {
      var top = lines[0], most = -1;
      lines.forEach(function (line) {
        var n = count(line.t.toLowerCase(), words);
        if (n > most) { most = n; top = line; }
      });
      return top;
    }

    function preview(found, words) {
      var long = words.filter(function (word) { return word.length > 1; });
      var used = long.length ? long : words;
      var say = found.say.length ? best(found.say, used) : null;
      var dont = found.dont.filter(function (line) { return count(line.t.toLowerCase(), used) > 0; });
      var html = "<div class=\"hb-preview\">";
      html += say
        ? "<p class=\"hb-say\"><span class=\"hb-label\">✓ 这样说</span>" + draft(say) + mark(say.t, used) + "</p>"
        : "<p class=\"hb-say hb-missing\"><span class=\"hb-label\">✓ 这样说</span>（本节没有登记「这样说」，请打开页面）</p>";
      if (dont.length) {
        html += "<p class=\"hb-dont\"><span class=\"hb-label\">✗ 不要这样说</span>" + draft(dont[0]) +
          "<del>" + mark(dont[0].t, used) + "</del></p>";
      }
      return html + "</div>";
    }

    // Plain teaser, the sentence around the first match, with every forbidden
    // line (and the 不要这样说 label) taken out first.
    function teaser(html) {
      var safe = String(html || "").replace(/\u200b/g, "").replace(/<(li|p)\b[^>]*>([\s\S]*?)<\/\1>/g, function (whole, tag, inner) {
        var text = key(inner);
        return text === "不要这样说" || forbidden.has(text) ? " " : whole;
      });
      var text = safe.replace(/<(?!\/?mark\b)[^>]*>/g, " ").replace(/\s+/g, " ").trim();
      var first = text.indexOf("<mark");
      var start = first > 40 ? text.lastIndexOf(" ", first - 40) : 0;
      start = Math.max(0, start);
      var end = start + TEASER;
      var cut = text.slice(start, end).replace(/<[^>]*$/, "");  // no half tag at the end
      var open = (cut.match(/<mark/g) || []).length - (cut.match(/<\/mark>/g) || []).length;
      if (open > 0) cut += "</mark>";
      return "<p>" + (start > 0 ? "…" : "") + labelDrafts(label(cut)) + (end < text.length ? "…" : "") + "</p>";
    }

    function shown(item, words) {
      var found = situation(item);
      return found ? preview(found, words) : teaser(item.text);
    }

    // The best-matching section first, shown; the page after it (Material then
    // renders the page as the heading of the result and the section with its
    // preview); other sections folded.  Material shows a section when its
    // score is not below the first entry's, so scores are set to say that.
    // Scores fall with the handbook's order (Material's Enter opens the link with
    // the highest score); within a page the lead section has the page's score,
    // the page a little less, folded sections (headings only) less again.
    function arrange(group, words, top) {
      var long = words.filter(function (word) { return word.length > 1; });
      var used = long.length ? long : words;
      var article = group.find(isArticle) || group[0];
      var sections = group.filter(function (item) { return item !== article; })
        .map(function (item, position) {
          return { item: item, position: position,
                   title: count(plainOf(item, "title"), used),
                   text: count(plainOf(item, "text"), used),
                   wording: situation(item) ? 1 : 0 };
        })
        .sort(function (a, b) {
          return b.title - a.title || b.text - a.text || b.wording - a.wording || a.position - b.position;
        })
        .slice(0, SECTIONS)
        .map(function (entry) { return entry.item; });
      function copy(item, score, withText) {
        // terms: {} — Material would list lookup words an entry lacks as 「缺少」, noise on a call.
        var result = Object.assign({}, item, { score: score, terms: {}, text: withText ? shown(item, words) : "" });
        // The page shows its tags once, and only those the query matched (Material
        // marks them): they say why the page is there; the others are noise on a
        // call, and drawing every page's chips was a quarter of the time a
        // keystroke took in the page (p95 26 -> 21 ms at real size).
        if (!isArticle(item)) delete result.tags;
        return matchedTags(result);
      }
      if (!sections.length) return [copy(article, top, true)];
      var lead = sections[0];
      // Folded sections are their headings alone (each links to its section):
      // they are hidden until opened, and making and drawing their teasers on
      // every keystroke cost more than the shown results (keyup p95 17 -> 16 ms).
      return [copy(lead, top, true), copy(article, top - 0.1, false)]
        .concat(sections.slice(1).map(function (item) { return copy(item, top - 0.5, false); }));
    }

    function matchedTags(result) {
      if (result.tags) {
        result.tags = result.tags.filter(function (tag) { return tag.indexOf("<mark>") >= 0; });
        if (!result.tags.length) delete result.tags;
      }
      return result;
    }

    function slim(group, score) {
      var article = group.find(isArticle) || group[0];
      return [matchedTags(Object.assign({}, article, { text: "", score: score, terms: {} }))];
    }

    function rank(items, words, phrases) {
      var long = words.filter(function (word) { return word.length > 1; });
      var head = items.slice(0, RERANK), tail = items.slice(RERANK);
      return head
        .map(function (group, position) {
          // The page title says most what a page is about, then a section
          // title, then a tag that is a query word.
          var title = 0;
          var tags = [];
          group.forEach(function (item) {
            title = Math.max(title, (isArticle(item) ? 3 : 2) * count(plainOf(item, "title"), long));
            tags.push.apply(tags, plainOf(item, "tags"));
          });
          title = Math.max(title, long.filter(function (word) { return tags.indexOf(word) >= 0; }).length);
          var page = answers.pages[pageOf(group[0].location)];
          var answer = page ? page.answer : 0;
          var text = group.map(function (item) {
            return plainOf(item, "title") + " " + plainOf(item, "text") + " " + plainOf(item, "tags").join(" ");
          }).join(" ");
          // The typed run in a title counts more than in text.
          var titles = group.map(function (item) { return plainOf(item, "title"); }).join(" ");
          var phrase = phrases.length ? count(titles, phrases) * 2 + count(text, phrases) : 0;
          var coverage = count(text, words);
          return { group: group, position: position, phrase: phrase, title: title, coverage: coverage, answer: answer };
        })
        .sort(function (a, b) {
          return b.phrase - a.phrase || b.title - a.title || b.coverage - a.coverage || b.answer - a.answer ||
            a.position - b.position;
        })
        .map(function (entry) { return entry.group; })
        .concat(tail);
    }

    function notFound(plan) {
      var query = escape(plan.typed);
      var notice = {
        location: "", score: 1, terms: {},
        title: "没有找到「" + query + "」",
        text: "<p class=\"hb-notfound\">手册里没有与「" + query + "」相符的内容。" +
          (plan.closest.length ? "下面是最接近的条目，<strong>不一定回答这个问题</strong>：" : "请换个说法再试，例如客户原话里的关键词。") + "</p>"
      };
      var groups = [[notice]];
      plan.closest.forEach(function (entry) {
        groups.push([{
          location: entry.location, score: 0.5, terms: {},
          title: "<span class=\"hb-closest\">最接近</span>" + escape(entry.title),
          text: "<p>含有「" + escape(entry.shared) + "」</p>"
        }]);
      });
      return groups;
    }

    function hasRun(group, runs) {
      return group.some(function (item) {
        // Letters and digits only: 喂哪位 is in 「喂，哪位？」.
        var text = (plainOf(item, "title") + "\n" + plainOf(item, "text")).replace(/[^\p{L}\p{N}]+/gu, "");
        return runs.some(function (run) { return text.indexOf(run) >= 0; });
      });
    }

    return function results(items, plan) {
      seen.clear();
      if (plan && plan.weak) {
        items = items.filter(function (group) { return hasRun(group, plan.runs); });
        if (!items.length) return notFound(plan);
      }
      var words = plan && plan.words ? plan.words : [];
      var ordered = words.length ? rank(items, words, plan.phrases || []) : items;
      return ordered.map(function (group, position) {
        return position < TEASERS ? arrange(group, words, ordered.length - position) : slim(group, ordered.length - position);
      });
    };
  }

  makeResults.RERANK = RERANK;  // the pages whose texts are read (handbook-prepared.js)
  scope.makeHandbookResults = makeResults;
})(typeof self !== "undefined" ? self : this);
