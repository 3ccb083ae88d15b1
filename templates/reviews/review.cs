<?cs set:page.title = d.reviews.0.title ?><?cs set:nav = "products" ?><?cs include:"header.cs" ?><?cs include:"reviews/macros.cs" ?>
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/products"><?cs var:L.reviews.products_title ?></a> › <a href="/p/<?cs var:d.product.sku ?>"><?cs var:d.product.name ?></a></nav>
<h1 class="visually-hidden"><?cs var:L.reviews.form_title ?>: <?cs var:d.reviews.0.title ?></h1>
<p class="lead"><a href="/p/<?cs var:d.product.sku ?>"><?cs var:d.product.name ?></a> · <?cs call:stars_show(d.product.summary.stars_class, d.product.summary.average_text) ?> <?cs call:review_count(d.product.summary.count) ?></p>
<ol class="reviews single-review">
<?cs set:review_h = 2 ?><?cs each:rv = d.reviews ?><?cs call:review_item(rv, back) ?><?cs /each ?>
</ol>
<?cs if:can_respond ?>
<section class="panel respond-box" id="respond" aria-labelledby="respond-h">
  <h2 id="respond-h"><?cs if:d.reviews.0.response_html ?><?cs var:L.reviews.edit_response ?><?cs else ?><?cs var:L.reviews.respond ?><?cs /if ?></h2>
  <form action="/reviews/<?cs var:d.reviews.0.id ?>/respond" method="post" class="stack-form wide" novalidate>
    <?cs call:csrf_field() ?>
    <div class="field">
      <label for="body"><?cs var:L.reviews.response_body ?></label>
      <textarea id="body" name="body" rows="6" required maxlength="10000"<?cs call:described("body", "1") ?>><?cs var:form.body ?></textarea>
      <p class="hint" id="body-hint"><?cs var:L.reviews.response_hint ?></p>
      <?cs call:field_error("body") ?>
    </div>
    <button type="submit" class="button"><?cs var:L.reviews.response_submit ?></button>
  </form>
</section>
<?cs /if ?>
<p><a href="/p/<?cs var:d.product.sku ?>#reviews"><?cs var:L.reviews.back_to_product ?></a></p>
<?cs include:"footer.cs" ?>
