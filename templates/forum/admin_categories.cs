<?cs set:page.title = L.cats.title ?><?cs include:"header.cs" ?>
<section class="panel">
  <nav class="breadcrumb"><a href="/admin"><?cs var:L.admin.heading ?></a></nav>
  <h1><?cs var:L.cats.heading ?></h1>
  <?cs if:saved ?><p class="notice notice-ok" role="status"><?cs var:L.cats.saved ?> <?cs var:saved ?></p><?cs /if ?>
  <?cs each:c = d.categories ?>
  <details class="category-edit">
    <summary><strong><?cs var:c.name_en ?></strong> / <?cs var:c.name_es ?> <span class="meta">(/c/<?cs var:c.slug ?>, <?cs var:c.thread_count ?> · <?cs var:c.post_count ?> <?cs var:L.cats.counts ?>)</span></summary>
    <form action="/admin/categories/<?cs var:c.slug ?>" method="post" class="stack-form">
      <?cs call:csrf_field() ?>
      <div class="field"><label for="ne-<?cs var:c.id ?>"><?cs var:L.cats.name_en ?></label><input id="ne-<?cs var:c.id ?>" name="name_en" value="<?cs var:c.name_en ?>" required maxlength="80"></div>
      <div class="field"><label for="ns-<?cs var:c.id ?>"><?cs var:L.cats.name_es ?></label><input id="ns-<?cs var:c.id ?>" name="name_es" value="<?cs var:c.name_es ?>" required maxlength="80"></div>
      <div class="field"><label for="de-<?cs var:c.id ?>"><?cs var:L.cats.description_en ?></label><input id="de-<?cs var:c.id ?>" name="description_en" value="<?cs var:c.description_en ?>" maxlength="300"></div>
      <div class="field"><label for="ds-<?cs var:c.id ?>"><?cs var:L.cats.description_es ?></label><input id="ds-<?cs var:c.id ?>" name="description_es" value="<?cs var:c.description_es ?>" maxlength="300"></div>
      <div class="field"><label for="po-<?cs var:c.id ?>"><?cs var:L.cats.position ?></label><input id="po-<?cs var:c.id ?>" name="position" type="number" value="<?cs var:c.position ?>"></div>
      <div class="field"><label class="check"><input type="checkbox" name="staff_threads" value="on"<?cs if:c.thread_starters == "staff" ?> checked<?cs /if ?> aria-describedby="st-<?cs var:c.id ?>-hint"> <?cs var:L.cats.staff_threads ?></label><p class="hint" id="st-<?cs var:c.id ?>-hint"><?cs var:L.cats.staff_threads_hint ?></p></div>
      <button type="submit" class="button button-small"><?cs var:L.cats.save ?></button>
    </form>
  </details>
  <?cs /each ?>
  <h2><?cs var:L.cats.new ?></h2>
  <form action="/admin/categories" method="post" class="stack-form" novalidate>
    <?cs call:csrf_field() ?>
    <div class="field"><label for="slug"><?cs var:L.cats.slug ?></label><input id="slug" name="slug" value="<?cs var:form.slug ?>" maxlength="60"<?cs call:described("slug", "1") ?>><p class="hint" id="slug-hint"><?cs var:L.cats.slug_hint ?></p><?cs call:field_error("slug") ?></div>
    <div class="field"><label for="name_en"><?cs var:L.cats.name_en ?></label><input id="name_en" name="name_en" value="<?cs var:form.name_en ?>" maxlength="80"<?cs call:described("name_en", "") ?>><?cs call:field_error("name_en") ?></div>
    <div class="field"><label for="name_es"><?cs var:L.cats.name_es ?></label><input id="name_es" name="name_es" value="<?cs var:form.name_es ?>" maxlength="80"<?cs call:described("name_es", "") ?>><?cs call:field_error("name_es") ?></div>
    <div class="field"><label for="description_en"><?cs var:L.cats.description_en ?></label><input id="description_en" name="description_en" value="<?cs var:form.description_en ?>" maxlength="300"><?cs call:field_error("description_en") ?></div>
    <div class="field"><label for="description_es"><?cs var:L.cats.description_es ?></label><input id="description_es" name="description_es" value="<?cs var:form.description_es ?>" maxlength="300"><?cs call:field_error("description_es") ?></div>
    <div class="field"><label for="position"><?cs var:L.cats.position ?></label><input id="position" name="position" type="number" value="<?cs var:form.position ?>"><?cs call:field_error("position") ?></div>
    <div class="field"><label class="check"><input type="checkbox" name="staff_threads" value="on"<?cs if:form.staff_threads ?> checked<?cs /if ?> aria-describedby="staff_threads-hint"> <?cs var:L.cats.staff_threads ?></label><p class="hint" id="staff_threads-hint"><?cs var:L.cats.staff_threads_hint ?></p></div>
    <button type="submit" class="button"><?cs var:L.cats.create ?></button>
  </form>
</section>
<?cs include:"footer.cs" ?>
