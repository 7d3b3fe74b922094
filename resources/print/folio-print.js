/*
 * Runs inside the print document (Chromium for PDF and measuring; any browser for the HTML export),
 * once the bundled fonts have loaded:
 * - snaps headline areas, lead photos and in-column photos to whole body lines (baseline grid);
 * - flows the text beside a lead photo (flow-a) on under it (flow-b) at the exact character;
 * - measures: natural block heights in lines, copyfit per block (超 N 字 overset / 余 N 行 short),
 *   and each printed photo's resolution (pre-flight).
 * window.folioPrint.done resolves when the document is ready to print or measure.
 */
/* global document, window, getComputedStyle, NodeFilter */
;(function () {
  'use strict'

  function leadingOf(el) {
    return parseFloat(getComputedStyle(el).lineHeight)
  }
  function snapUp(px, l) {
    return Math.ceil(px / l - 0.02) * l
  }

  function snapBlock(block) {
    const l = leadingOf(block)
    const hd = block.querySelector(':scope > .hd')
    if (hd) hd.style.height = snapUp(hd.getBoundingClientRect().height + l * 0.6, l) + 'px'
    const row = block.querySelector(':scope > .row')
    const lead = block.querySelector(':scope > .lead-photo')
    if (row && lead) {
      const photo = lead.querySelector('.photo')
      const room = block.classList.contains('measure')
        ? Infinity
        : block.getBoundingClientRect().bottom - row.getBoundingClientRect().top
      const height = Math.min(snapUp(photo.getBoundingClientRect().height + l * 0.5, l), room)
      row.style.height = height + 'px'
      lead.style.top = row.offsetTop + 'px'
      lead.style.height = height + 'px'
    }
    block.querySelectorAll('.photo.in-column').forEach(function (fig) {
      fig.style.height = snapUp(fig.getBoundingClientRect().height, l) + 'px'
    })
  }

  function textNodes(root) {
    const out = []
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.data.length > 0) out.push(n)
    return out
  }

  const range = document.createRange()
  function charRect(node, i) {
    range.setStart(node, i)
    range.setEnd(node, i + 1)
    const rects = range.getClientRects()
    return rects.length > 0 ? rects[0] : null
  }
  function outside(r, box) {
    return r !== null && (r.left >= box.right - 1 || r.bottom > box.bottom + 1)
  }

  /** The box text must stay in: the flow's, cut to its block's (a flow may overflow its block). */
  function clipBox(flow) {
    const f = flow.getBoundingClientRect()
    const block = flow.closest('.block')
    if (!block || block.classList.contains('measure')) return f
    const b = block.getBoundingClientRect()
    const pad = parseFloat(getComputedStyle(block).paddingBottom) || 0
    return { right: Math.min(f.right, b.right), bottom: Math.min(f.bottom, b.bottom - pad) }
  }

  /** The first character laid out outside `flow`'s box (overflow columns, or past the block's foot), or null. */
  function firstOutside(flow) {
    const box = clipBox(flow)
    const nodes = textNodes(flow)
    for (const node of nodes) {
      if (!outside(charRect(node, node.data.length - 1), box)) continue
      let lo = 0
      let hi = node.data.length - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (outside(charRect(node, mid), box)) hi = mid
        else lo = mid + 1
      }
      return { node: node, offset: lo, nodes: nodes }
    }
    return null
  }

  /** Moves what does not fit beside the lead photo into the flow under it. */
  function fragment(block) {
    const a = block.querySelector('.flow-a')
    const b = block.querySelector('.flow-b')
    if (!a || !b) return
    spill(a, b)
  }

  /**
   * 转版: what does not fit a cut block goes on into its continuation (the block of the same article
   * with the next part), at the exact character; parts are handled in document (page) order.
   */
  function continueInto(block) {
    const next = block.dataset.continues
    if (!next) return
    const to = document.querySelector(
      '.page .block[data-article="' + block.dataset.article + '"][data-part="' + next + '"] .flow-cont',
    )
    const flows = block.querySelectorAll(':scope > .flow')
    const from = flows[flows.length - 1]
    if (to && from) spill(from, to)
  }

  /** Moves the text of `a` from its first character outside its box to the start of `b`. */
  function spill(a, b) {
    const at = firstOutside(a)
    if (!at) return
    let top = at.node
    while (top.parentNode !== a) top = top.parentNode
    const before = document.createRange()
    before.setStart(top, 0)
    before.setEnd(at.node, at.offset)
    const moved = []
    if (before.toString().trim() === '') {
      moved.push(top)
    } else {
      const rest = document.createRange()
      rest.setStart(at.node, at.offset)
      rest.setEndAfter(top.lastChild)
      const tail = top.cloneNode(false)
      tail.appendChild(rest.extractContents())
      tail.classList.add('cont')
      top.classList.add('split')
      moved.push(tail)
    }
    for (let n = top.nextSibling; n; n = n.nextSibling) moved.push(n)
    b.prepend.apply(b, moved)
  }

  function visibleChars(s) {
    return s.replace(/\s/g, '').length
  }

  /** Overset characters of one flow: everything from the first character outside its box. */
  function oversetChars(flow) {
    const at = firstOutside(flow)
    if (!at) return 0
    let count = visibleChars(at.node.data.slice(at.offset))
    for (const n of at.nodes.slice(at.nodes.indexOf(at.node) + 1)) count += visibleChars(n.data)
    return count
  }

  /** Empty body lines at the foot of each column of a flow, summed. */
  function shortLines(flow, l) {
    const box = flow.getBoundingClientRect()
    const foot = clipBox(flow).bottom
    if (foot - box.top < l / 2) return 0
    const style = getComputedStyle(flow)
    const n = parseInt(style.columnCount, 10) || 1
    const gap = parseFloat(style.columnGap) || 0
    const pitch = (box.width + gap) / n
    const bottoms = new Array(n).fill(Math.min(box.top, foot))
    function mark(r) {
      if (r.width === 0 && r.height === 0) return
      const first = Math.max(0, Math.floor((r.left - box.left + 1) / pitch))
      const last = Math.min(n - 1, Math.floor((r.right - box.left - 1) / pitch))
      for (let k = first; k <= last; k++) bottoms[k] = Math.max(bottoms[k], r.bottom)
    }
    for (const node of textNodes(flow)) {
      range.selectNodeContents(node)
      for (const r of range.getClientRects()) mark(r)
    }
    flow.querySelectorAll('.photo').forEach(function (el) {
      mark(el.getBoundingClientRect())
    })
    let free = 0
    for (const bottom of bottoms) free += Math.max(0, Math.floor((foot - bottom) / l + 0.05))
    return free
  }

  function copyfit() {
    return Array.from(document.querySelectorAll('.page .block')).map(function (block) {
      const l = leadingOf(block)
      const flows = Array.from(block.querySelectorAll('.flow'))
      let over = 0
      for (const f of flows) over += oversetChars(f)
      let short = 0
      if (over === 0) for (const f of flows) short += shortLines(f, l)
      return {
        page: Number(block.dataset.page),
        articleId: Number(block.dataset.article),
        part: Number(block.dataset.part || 0),
        overChars: over,
        shortLines: short,
      }
    })
  }

  function natural() {
    return Array.from(document.querySelectorAll('.block.measure')).map(function (block) {
      const l = leadingOf(block)
      return {
        articleId: Number(block.dataset.article),
        span: Number(block.dataset.span),
        lines: Math.ceil(block.getBoundingClientRect().height / l - 0.02),
        head: Math.round(block.querySelector(':scope > .hd').getBoundingClientRect().height / l),
      }
    })
  }

  /**
   * Each —— a 2-em unit without a gap, whatever face prints it: the rule under the two dashes
   * (print.css, .em2.dash::before) takes the dash's own foot and top, measured in that face.
   */
  function dashes() {
    const els = document.querySelectorAll('.em2.dash')
    if (els.length === 0) return
    const ctx = document.createElement('canvas').getContext('2d')
    if (!ctx) return
    const cache = new Map()
    els.forEach(function (el) {
      const cs = getComputedStyle(el)
      const font = cs.fontStyle + ' ' + cs.fontWeight + ' 100px ' + cs.fontFamily
      let m = cache.get(font)
      if (!m) {
        ctx.font = font
        const t = ctx.measureText('\u2014')
        m = { top: t.actualBoundingBoxAscent / 100, foot: -t.actualBoundingBoxDescent / 100 }
        cache.set(font, m)
      }
      if (!(m.top > m.foot)) return
      el.style.setProperty('--dash-top', m.top + 'em')
      el.style.setProperty('--dash-foot', m.foot + 'em')
    })
  }

  /**
   * Every printed photo's resolution where it prints: its pixels over its printed width (CSS px are
   * 1/96 inch), for pre-flight (a photo under ~150 ppi prints soft on newsprint).
   */
  function images() {
    return Array.from(document.querySelectorAll('.page .block img')).map(function (img) {
      const block = img.closest('.block')
      const width = img.getBoundingClientRect().width
      return {
        page: Number(block.dataset.page),
        articleId: Number(block.dataset.article),
        pixels: img.naturalWidth,
        printedMm: (width / 96) * 25.4,
        ppi: width > 0 ? img.naturalWidth / (width / 96) : 0,
      }
    })
  }

  function prepare() {
    dashes()
    const blocks = Array.from(document.querySelectorAll('.block'))
    blocks.forEach(snapBlock)
    blocks.forEach(fragment)
    blocks.forEach(continueInto)
  }

  const loaded = new Promise(function (resolve) {
    if (document.readyState === 'complete') resolve()
    else window.addEventListener('load', resolve)
  })
  const done = loaded
    .then(function () {
      void document.body.offsetHeight // lay out, so the fonts the text needs start loading
      return document.fonts.ready
    })
    .then(function () {
      prepare()
      return document.fonts.ready
    })
  window.folioPrint = { done: done, copyfit: copyfit, natural: natural, images: images }
})()
