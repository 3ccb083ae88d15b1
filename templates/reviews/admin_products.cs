<?cs set:page.title = L.reviews.admin_title ?><?cs set:nav = "products" ?><?cs include:"header.cs" ?><?cs include:"reviews/macros.cs" ?>
<?cs def:product_form(action, p, use_form, is_new) ?>
    <form action="<?cs var:action ?>" method="post" class="stack-form" novalidate>
      <?cs call:csrf_field() ?>
      <?cs if:is_new ?><div class="field"><label for="sku-new"><?cs var:L.reviews.admin_sku ?></label><input id="sku-new" name="sku" value="<?cs var:form.sku ?>" maxlength="40"<?cs if:errors.sku ?> aria-invalid="true" aria-describedby="sku-error sku-hint"<?cs else ?> aria-describedby="sku-hint"<?cs /if ?>><p class="hint" id="sku-hint"><?cs var:L.reviews.admin_sku_hint ?></p><?cs call:field_error("sku") ?></div><?cs /if ?>
      <div class="field"><label for="name-<?cs var:p.sku ?>"><?cs var:L.reviews.admin_name ?></label><input id="name-<?cs var:p.sku ?>" name="name" required maxlength="150" value="<?cs if:use_form ?><?cs var:form.name ?><?cs else ?><?cs var:p.name ?><?cs /if ?>"><?cs if:use_form ?><?cs call:field_error("name") ?><?cs /if ?></div>
      <div class="field"><label for="desc-<?cs var:p.sku ?>"><?cs var:L.reviews.admin_description ?></label><textarea id="desc-<?cs var:p.sku ?>" name="description" rows="3" maxlength="5000"><?cs if:use_form ?><?cs var:form.description ?><?cs else ?><?cs var:p.description ?><?cs /if ?></textarea><?cs if:use_form ?><?cs call:field_error("description") ?><?cs /if ?></div>
      <div class="field"><label for="cat-<?cs var:p.sku ?>"><?cs var:L.reviews.admin_category ?></label><input id="cat-<?cs var:p.sku ?>" name="category" maxlength="60" value="<?cs if:use_form ?><?cs var:form.category ?><?cs else ?><?cs var:p.category ?><?cs /if ?>"><?cs if:use_form ?><?cs call:field_error("category") ?><?cs /if ?></div>
      <div class="field"><label for="img-<?cs var:p.sku ?>"><?cs var:L.reviews.admin_image ?></label><input id="img-<?cs var:p.sku ?>" name="image_url" maxlength="500" value="<?cs if:use_form ?><?cs var:form.image_url ?><?cs else ?><?cs var:p.image_url ?><?cs /if ?>" aria-describedby="img-<?cs var:p.sku ?>-hint"><p class="hint" id="img-<?cs var:p.sku ?>-hint"><?cs var:L.reviews.admin_image_hint ?></p><?cs if:use_form ?><?cs call:field_error("image_url") ?><?cs /if ?></div>
      <label class="check"><input type="checkbox" name="active" value="1"<?cs if:use_form ?><?cs if:form.active ?> checked<?cs /if ?><?cs elif:is_new || p.active == "1" ?> checked<?cs /if ?>> <?cs var:L.reviews.admin_active ?></label>
      <button type="submit" class="button button-small"><?cs if:is_new ?><?cs var:L.reviews.admin_create ?><?cs else ?><?cs var:L.reviews.admin_save ?><?cs /if ?></button>
    </form>
<?cs /def ?>
<section class="panel">
  <nav class="breadcrumb"><a href="/products"><?cs var:L.reviews.products_title ?></a></nav>
  <h1><?cs var:L.reviews.admin_heading ?></h1>
  <?cs if:saved ?><p class="notice notice-ok" role="status"><?cs var:L.reviews.admin_saved ?> <?cs var:saved ?></p><?cs /if ?>
  <p class="hint"><?cs var:L.reviews.admin_import ?></p>
  <?cs each:p = d.products ?>
  <details class="category-edit"<?cs if:failed == p.sku ?> open<?cs /if ?>>
    <summary><strong><?cs var:p.name ?></strong> <span class="meta">(<?cs var:p.sku ?><?cs if:p.category ?>, <?cs var:p.category ?><?cs /if ?>, <?cs call:review_count(p.review_count) ?>)</span><?cs if:p.active != "1" ?> <span class="tag"><?cs var:L.reviews.admin_inactive ?></span><?cs /if ?></summary>
    <p><a href="/p/<?cs var:p.sku ?>"><?cs var:L.reviews.admin_view ?></a></p>
    <?cs call:product_form("/admin/products/" + p.sku, p, failed == p.sku, 0) ?>
  </details>
  <?cs /each ?>
  <h2><?cs var:L.reviews.admin_new ?></h2>
  <?cs call:product_form("/admin/products", d.new, !failed, 1) ?>
</section>
<?cs include:"footer.cs" ?>
