/* The wording checker in the browser: the same folding and matching as
 * handbook/wording/fold.py and matcher.py, from the data the build writes
 * (handbook-wording-data.js, self.HANDBOOK_WORDING).  Keep the two in step:
 * tests/test_wording_browser.py runs both over the labelled set and fails on
 * any difference.  Nothing here leaves the browser. */
(function () {
  "use strict";
  const BREAK = " ";
  const WORD = /[\p{L}\p{N}]/u;

  function create(data) {
    const t2s = data.fold.t2s;
    const colloquial = data.fold.colloquial;
    const particles = new Set(Array.from(data.fold.particles));
    const longest = Math.max(...Object.keys(colloquial).map((k) => Array.from(k).length));
    const th = data.thresholds;
    const patterns = data.patterns;
    const index = new Map();
    patterns.forEach((p, n) => {
      for (const b of Object.keys(p.weights)) {
        if (!index.has(b)) index.set(b, []);
        index.get(b).push(n);
      }
    });
    const charCache = new Map();

    function charFold(ch) {
      let out = "";
      for (const c of ch.normalize("NFKC").toLowerCase()) {
        const s = t2s[c] || c;
        for (const d of s) out += WORD.test(d) ? d : BREAK;
      }
      return out;
    }

    /* [folded characters, source index (UTF-16) of each] */
    function fold(text) {
      const flat = [], origin = [];
      let i = 0;
      for (const ch of text) {
        let f = charCache.get(ch);
        if (f === undefined) { f = charFold(ch); charCache.set(ch, f); }
        for (const c of f) { flat.push(c); origin.push(i); }
        i += ch.length;
      }
      const out = [], where = [];
      const keep = (k) => {
        const c = flat[k];
        if (particles.has(c)) return;
        if (c === BREAK && (!out.length || out[out.length - 1] === BREAK)) return;
        out.push(c); where.push(origin[k]);
      };
      // Leftmost-longest colloquial forms, as pyahocorasick's iter_long finds them.
      let k = 0;
      while (k < flat.length) {
        let done = false;
        for (let len = Math.min(longest, flat.length - k); len >= 1; len--) {
          const form = flat.slice(k, k + len).join("");
          if (Object.prototype.hasOwnProperty.call(colloquial, form)) {
            for (const c of colloquial[form]) { out.push(c); where.push(origin[k]); }
            k += len; done = true; break;
          }
        }
        if (!done) { keep(k); k += 1; }
      }
      return [out, where];
    }

    function score(p, seen) {
      const w = p.weights;
      let matched = 0;
      for (const b of seen.keys()) matched += w[b];
      const share = matched / p.total;
      const n = Object.keys(w).length;
      if (n <= th.short_line) {
        if (seen.size === n) return [1.0, round(matched)];
      } else if (share >= th.line_share) {
        return [round(share), round(matched)];
      }
      if (p.focus.length) {
        let covered = 0;
        for (const b of p.focus) if (seen.has(b)) covered += w[b];
        if (covered >= th.focus_share * p.focus_total) return [round(covered / p.focus_total * 0.99), round(covered)];
      }
      return null;
    }

    function round(x) { return Math.round(x * 10000) / 10000; }

    /* Matches in `text`: {pattern, pair, score, weight, start, end, text} (start/end in UTF-16 units). */
    function match(text) {
      const [folded, origin0] = fold(text);
      const chars = [], origin = [];
      folded.forEach((c, i) => { if (c !== BREAK) { chars.push(c); origin.push(origin0[i]); } });
      const hits = new Map();
      const add = (b, i) => {
        const found = index.get(b);
        if (!found) return;
        for (const n of found) {
          if (!hits.has(n)) hits.set(n, new Map());
          const seen = hits.get(n);
          if (!seen.has(b)) seen.set(b, i);
        }
      };
      for (let i = 0; i < chars.length - 1; i++) add(chars[i] + chars[i + 1], i);
      for (let i = 0; i < chars.length - 2; i++) add(chars[i] + chars[i + 2], i);
      const candidates = [];
      for (const [n, seen] of hits) {
        const p = patterns[n];
        const scored = score(p, seen);
        if (!scored) continue;
        const positions = Array.from(seen.values()).sort((a, b) => a - b);
        const start = positions[0], end = positions[positions.length - 1] + 2;
        if (end - start > th.span_slack * p.length + 4) continue;
        const last = origin[end - 1];
        const endUnit = last + (text.codePointAt(last) > 0xffff ? 2 : 1);
        candidates.push({ pattern: n, score: scored[0], weight: scored[1], start: origin[start], end: endUnit });
      }
      candidates.sort((a, b) => (b.weight - a.weight) || (b.score - a.score) || (a.start - b.start));
      const chosen = [];
      for (const c of candidates) {
        if (chosen.every((m) => c.end <= m.start || c.start >= m.end)) {
          c.text = text.slice(c.start, c.end);
          c.pair = patterns[c.pattern].pairs[0];
          chosen.push(c);
        }
      }
      return chosen.sort((a, b) => a.start - b.start);
    }

    /* Every line of a draft: [{line, matches}] for the lines that match. */
    function check(draft) {
      const result = [];
      let offset = 0;
      draft.split("\n").forEach((line, i) => {
        const matches = match(line).map((m) => Object.assign(m, { start: m.start + offset, end: m.end + offset }));
        if (matches.length) result.push({ line: i + 1, matches });
        offset += line.length + 1;
      });
      return result;
    }

    return { fold, match, check, pairs: data.pairs, patterns, draftLabel: data.draft_label };
  }

  self.HandbookWording = { create };
  if (self.HANDBOOK_WORDING) self.handbookWording = create(self.HANDBOOK_WORDING);
})();
