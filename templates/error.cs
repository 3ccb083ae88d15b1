<?cs set:page.title = error.title ?><?cs include:"header.cs" ?>
<section class="panel narrow error-page">
  <p class="error-code"><?cs var:error.status ?></p>
  <h1><?cs var:error.title ?></h1>
  <p><?cs var:error.text ?></p>
  <?cs if:error.reason ?><p class="notice notice-error"><?cs var:error.reason ?></p><?cs /if ?>
  <?cs if:subcount(error.fields) ?><ul class="error-list"><?cs each:f = error.fields ?><li><strong><?cs var:f.label ?></strong>: <?cs var:f.text ?></li><?cs /each ?></ul><?cs /if ?>
  <p><a href="/"><?cs var:L.error.home ?></a></p>
</section>
<?cs include:"footer.cs" ?>
