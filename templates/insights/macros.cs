<?cs # insights/macros.cs: the server-drawn SVG chart (coordinates from
  cgi/text/chart.c; every text printed escaped) and small pieces of the
  insight pages. ?>
<?cs def:chart(c) ?><?cs if:c.id ?><svg class="chart" viewBox="0 0 <?cs var:c.w ?> <?cs var:c.h ?>" role="img" aria-labelledby="<?cs var:c.id ?>-title <?cs var:c.id ?>-desc" xmlns="http://www.w3.org/2000/svg">
<title id="<?cs var:c.id ?>-title"><?cs var:c.title ?></title>
<desc id="<?cs var:c.id ?>-desc"><?cs var:c.desc ?></desc>
<g class="chart-grid"><?cs each:t = c.yticks ?><line x1="<?cs var:c.plot.x ?>" x2="<?cs var:c.plot.right ?>" y1="<?cs var:t.y ?>" y2="<?cs var:t.y ?>"/><?cs /each ?></g>
<?cs if:c.zero.y ?><line class="chart-zero" x1="<?cs var:c.plot.x ?>" x2="<?cs var:c.plot.right ?>" y1="<?cs var:c.zero.y ?>" y2="<?cs var:c.zero.y ?>"/><?cs /if ?>
<g class="chart-axis"><line x1="<?cs var:c.plot.x ?>" x2="<?cs var:c.plot.x ?>" y1="<?cs var:c.plot.y ?>" y2="<?cs var:c.plot.bottom ?>"/><line x1="<?cs var:c.plot.x ?>" x2="<?cs var:c.plot.right ?>" y1="<?cs var:c.plot.bottom ?>" y2="<?cs var:c.plot.bottom ?>"/>
<?cs each:t = c.yticks ?><text class="chart-tick" x="<?cs var:c.ytick_x ?>" y="<?cs var:t.y ?>" text-anchor="end" dominant-baseline="middle"><?cs var:t.label ?></text><?cs /each ?>
<?cs each:t = c.xticks ?><text class="chart-tick" x="<?cs var:t.x ?>" y="<?cs var:c.xtick_y ?>" text-anchor="middle"><?cs var:t.label ?></text><?cs /each ?>
<text class="chart-label" x="<?cs var:c.xlabel_x ?>" y="<?cs var:c.xlabel_y ?>" text-anchor="middle"><?cs var:c.xlabel ?></text>
<text class="chart-label" transform="translate(<?cs var:c.ylabel_x ?> <?cs var:c.ylabel_y ?>) rotate(-90)" text-anchor="middle"><?cs var:c.ylabel ?></text></g>
<?cs each:b = c.bars ?><rect class="chart-bar <?cs var:b.cls ?>" x="<?cs var:b.x ?>" y="<?cs var:b.y ?>" width="<?cs var:b.w ?>" height="<?cs var:b.h ?>"><title><?cs var:b.x_label ?>: <?cs var:b.label ?></title></rect><text class="chart-value" x="<?cs var:b.value_x ?>" y="<?cs var:b.value_y ?>" text-anchor="middle"><?cs var:b.label ?></text><?cs /each ?>
<?cs each:l = c.lines ?><g class="chart-series <?cs var:l.cls ?>"><?cs each:s = l.segs ?><polyline points="<?cs var:s.points ?>"/><?cs /each ?><?cs each:p = l.dots ?><circle cx="<?cs var:p.x ?>" cy="<?cs var:p.y ?>" r="3"><title><?cs var:l.name ?>, <?cs var:p.x_label ?>: <?cs var:p.label ?></title></circle><?cs /each ?></g><?cs /each ?>
<?cs each:g = c.legend ?><g class="chart-legend <?cs var:g.cls ?>"><rect x="<?cs var:g.x ?>" y="<?cs var:g.y ?>" width="12" height="12"/><text x="<?cs var:g.tx ?>" y="<?cs var:g.ty ?>"><?cs var:g.name ?></text></g><?cs /each ?>
</svg><?cs /if ?><?cs /def ?>
<?cs def:small_sample(n, min) ?><p class="notice notice-warn small-sample"><?cs var:L.insights.small_sample ?> (<?cs var:n ?> &lt; <?cs var:min ?>)</p><?cs /def ?>
<?cs def:change(t, dir) ?><?cs if:t ?><span class="change-<?cs var:dir ?>"><?cs var:t ?></span><?cs else ?>–<?cs /if ?><?cs /def ?>
<?cs def:themes(t, kind) ?><p class="meta"><?cs var:L.insights.sample ?>: <strong><?cs var:t.sample ?></strong> <?cs call:plural(t.sample, L.count[kind + "_items"].one, L.count[kind + "_items"].other) ?>, <?cs call:count(t.reference, "others_to_compare") ?><?cs if:t.all_segments ?> · <?cs var:L.insights.themes_all_segments ?><?cs /if ?></p>
<?cs if:t.small ?><?cs call:small_sample(t.sample, t.min_sample) ?><?cs /if ?>
<?cs if:subcount(t.list) ?><ol class="themes"><?cs each:th = t.list ?><li class="theme">
  <p class="theme-head"><strong class="theme-phrase"><?cs var:th.phrase ?></strong> <span class="meta"><?cs var:L.insights.mentions ?>: <?cs var:th.count ?> (<?cs var:th.share_text ?> %) · G² <?cs var:th.keyness_text ?></span></p>
  <?cs each:q = th.quotes ?><blockquote class="quote"><p><?cs var:q.text ?></p><footer><a href="<?cs var:q.url ?>"><?cs var:L.insights["quote_" + q.kind] ?></a></footer></blockquote><?cs /each ?>
</li><?cs /each ?></ol><?cs else ?><p class="empty"><?cs var:L.insights.no_themes ?></p><?cs /if ?><?cs /def ?>
