<?cs if:d.scope == "product" ?><?cs set:page.title = L.insights.title + ": " + d.product.name ?><?cs elif:d.scope == "category" ?><?cs set:page.title = L.insights.title + ": " + d.category.name ?><?cs else ?><?cs set:page.title = L.insights.title ?><?cs /if ?><?cs include:"header.cs" ?><?cs include:"insights/macros.cs" ?>
<div class="page-head">
  <div>
    <h1><?cs var:page.title ?></h1>
    <?cs if:d.filter.days ?><p class="lead"><?cs var:L.insights.period ?> <?cs var:d.filter.from_text ?> – <?cs var:d.filter.to_text ?> (<?cs var:d.filter.days ?> <?cs var:L.insights.days ?>)<?cs if:d.filter.segment ?> · <?cs var:L.insights.segment ?>: <?cs each:s = d.options.segments ?><?cs if:s.key == d.filter.segment ?><?cs var:s.name ?><?cs /if ?><?cs /each ?><?cs /if ?></p><?cs /if ?>
    <?cs if:?d.figures_age ?><p class="hint figures-age"><?cs var:L.insights.figures_age ?> <?cs var:d.figures_age ?></p><?cs /if ?>
  </div>
  <p class="actions"><?cs if:d.export_url ?><a href="<?cs var:d.export_url ?>" download><?cs var:L.insights.export ?></a><?cs /if ?><a href="/insights/digest"><?cs var:L.insights.digest ?></a><?cs if:d.scope != "all" ?><a href="/insights"><?cs var:L.insights.all ?></a><?cs /if ?></p>
</div>

<?cs # drawn once and kept with the figures, or drawn now ?><?cs if:?figures_html ?><?cs uvar:figures_html ?><?cs else ?><?cs include:"insights/figures.cs" ?><?cs /if ?>
<?cs include:"footer.cs" ?>
