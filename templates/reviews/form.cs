<?cs set:page.title = L.reviews.form_title + ": " + d.product.name ?><?cs set:nav = "products" ?><?cs include:"header.cs" ?><?cs include:"reviews/macros.cs" ?>
<section class="panel">
  <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/products"><?cs var:L.reviews.products_title ?></a> › <a href="/p/<?cs var:d.product.sku ?>"><?cs var:d.product.name ?></a></nav>
  <h1><?cs if:form.edit ?><?cs var:L.reviews.form_heading_edit ?><?cs else ?><?cs var:L.reviews.form_heading_new ?><?cs /if ?></h1>
  <p class="lead"><?cs var:d.product.name ?></p>
  <?cs if:errors.review ?><p class="notice notice-error" id="review-error" role="alert"><?cs var:errors.review ?></p><?cs /if ?>
  <?cs if:d.bought ?><p class="notice notice-ok"><?cs var:L.reviews.form_verified_note ?></p><?cs /if ?>
  <?cs if:form.edit ?><p class="hint"><?cs var:L.reviews.form_edit_note ?></p><?cs /if ?>
  <form action="/p/<?cs var:d.product.sku ?>/review" method="post" class="stack-form wide review-form" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="nonce" value="<?cs var:nonce ?>">
    <?cs if:form.edit ?><input type="hidden" name="edit" value="<?cs var:form.edit ?>"><?cs /if ?>
    <fieldset class="field star-field" aria-describedby="rating-hint<?cs if:errors.rating ?> rating-error<?cs /if ?>">
      <legend><?cs var:L.reviews.form_rating ?></legend>
      <p class="hint" id="rating-hint"><?cs var:L.reviews.form_rating_hint ?></p>
      <div class="star-input">
        <?cs call:star_radio(1, L.reviews.rating_1) ?><?cs call:star_radio(2, L.reviews.rating_2) ?><?cs call:star_radio(3, L.reviews.rating_3) ?><?cs call:star_radio(4, L.reviews.rating_4) ?><?cs call:star_radio(5, L.reviews.rating_5) ?>
      </div>
      <?cs call:field_error("rating") ?>
    </fieldset>
    <div class="field">
      <label for="title"><?cs var:L.reviews.form_title_label ?></label>
      <input id="title" name="title" type="text" required maxlength="120" value="<?cs var:form.title ?>"<?cs call:described("title", "1") ?>>
      <p class="hint" id="title-hint"><?cs var:L.reviews.form_title_hint ?></p>
      <?cs call:field_error("title") ?>
    </div>
    <div class="field">
      <label for="body"><?cs var:L.reviews.form_body ?></label>
      <textarea id="body" name="body" rows="8" required maxlength="20000"<?cs call:described("body", "1") ?>><?cs var:form.body ?></textarea>
      <p class="hint" id="body-hint"><?cs var:L.reviews.form_body_hint ?></p>
      <?cs call:field_error("body") ?>
    </div>
    <div class="pros-cons-fields">
      <div class="field">
        <label for="pros"><?cs var:L.reviews.form_pros ?></label>
        <textarea id="pros" name="pros" rows="3" maxlength="1000"<?cs call:described("pros", "1") ?>><?cs var:form.pros ?></textarea>
        <p class="hint" id="pros-hint"><?cs var:L.reviews.form_proscons_hint ?></p>
        <?cs call:field_error("pros") ?>
      </div>
      <div class="field">
        <label for="cons"><?cs var:L.reviews.form_cons ?></label>
        <textarea id="cons" name="cons" rows="3" maxlength="1000"<?cs call:described("cons", "1") ?>><?cs var:form.cons ?></textarea>
        <p class="hint" id="cons-hint"><?cs var:L.reviews.form_proscons_hint ?></p>
        <?cs call:field_error("cons") ?>
      </div>
    </div>
    <div class="actions">
      <button type="submit" class="button"><?cs if:form.edit ?><?cs var:L.reviews.form_submit_edit ?><?cs else ?><?cs var:L.reviews.form_submit_new ?><?cs /if ?></button>
      <a href="/p/<?cs var:d.product.sku ?>"><?cs var:L.reviews.form_cancel ?></a>
    </div>
  </form>
  <?cs if:d.mine.id ?>
  <form action="/reviews/<?cs var:d.mine.id ?>/delete" method="post" class="delete-review" data-confirm="<?cs var:L.reviews.confirm_delete ?>"><?cs call:csrf_field() ?><button type="submit" class="chip chip-danger"><?cs var:L.reviews.delete ?></button></form>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
