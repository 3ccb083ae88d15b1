<?cs set:page.title = L.reviews.invite_title ?><?cs set:nav = "products" ?><?cs include:"header.cs" ?>
<section class="panel narrow invite">
  <h1><?cs var:L.reviews.invite_heading ?><?cs if:d.product.name ?> <a href="/p/<?cs var:d.product.sku ?>"><?cs var:d.product.name ?></a><?cs /if ?></h1>
  <?cs if:d.problem ?>
  <p class="notice notice-error" role="alert"><?cs var:d.problem ?></p>
  <?cs if:d.product.sku ?><p><a class="button" href="/p/<?cs var:d.product.sku ?>"><?cs var:d.product.name ?></a></p><?cs /if ?>
  <?cs else ?>
  <p><?cs var:L.reviews.invite_for ?> <strong><?cs var:d.email ?></strong>.</p>
  <p><?cs var:L.reviews.invite_text ?></p>
  <p class="actions"><a class="button" href="/login?next=<?cs var:url_escape(d.next) ?>"><?cs var:L.reviews.invite_login ?></a>
    <a class="button button-secondary" href="/register?next=<?cs var:url_escape(d.next) ?>"><?cs var:L.reviews.invite_register ?></a></p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
