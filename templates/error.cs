<?cs set:page.title = error.title ?><?cs include:"header.cs" ?>
<section class="panel narrow error-page">
  <p class="error-code"><?cs var:error.status ?></p>
  <h1><?cs var:error.title ?></h1>
  <p><?cs var:error.text ?></p>
  <?cs if:error.reason ?><p class="notice notice-error"><?cs var:error.reason ?></p><?cs /if ?>
  <?cs if:subcount(errors) ?><ul class="error-list"><?cs each:e = errors ?><li><strong><?cs name:e ?></strong>: <?cs var:e ?></li><?cs /each ?></ul><?cs /if ?>
  <p><a href="/"><?cs var:L.error.home ?></a></p>
</section>
<?cs include:"footer.cs" ?>
