<?cs if:d.duplicate ?><?cs set:page.title = L.ideas.dup.title ?><?cs else ?><?cs set:page.title = L.ideas.new_title ?><?cs /if ?><?cs set:nav = "ideas" ?><?cs include:"header.cs" ?><?cs include:"ideas/macros.cs" ?>
<section class="panel">
  <h1><?cs var:L.ideas.new_heading ?></h1>
  <?cs if:d.duplicate ?>
  <section class="notice notice-warn duplicate-step" id="duplicates" role="status" aria-labelledby="duplicates-h">
    <h2 id="duplicates-h"><?cs var:L.ideas.dup.heading ?></h2>
    <p><?cs var:L.ideas.dup.text ?></p>
    <ul class="similar-list duplicate-list"><?cs each:s = d.similar ?><li>
      <a href="/ideas/<?cs var:s.id ?>"><?cs var:s.title ?></a> <?cs call:idea_status(s.status) ?> <span class="meta"><?cs call:idea_votes(s.vote_count) ?></span>
      <?cs if:s.status != "done" && s.status != "declined" ?><form action="/ideas/<?cs var:s.id ?>/vote" method="post" class="inline-form vote-instead"><?cs call:csrf_field() ?><button type="submit" class="button button-small"><?cs var:L.ideas.dup.vote_instead ?><span class="visually-hidden">: <?cs var:s.title ?></span></button></form><?cs /if ?>
    </li><?cs /each ?></ul>
    <p><a href="#post-anyway"><?cs var:L.ideas.dup.go_post ?></a></p>
  </section>
  <?cs else ?>
  <p class="lead"><?cs var:L.ideas.new_intro ?></p>
  <?cs /if ?>
  <?cs if:d.me.budget ?><p class="meta"><?cs var:L.ideas.budget_left ?> <strong><?cs var:d.me.votes_left ?></strong> / <?cs var:d.me.budget ?></p><?cs /if ?>
  <form action="/ideas/new" method="post" class="stack-form wide idea-form" novalidate>
    <?cs call:csrf_field() ?>
    <input type="hidden" name="nonce" value="<?cs var:nonce ?>">
    <?cs if:d.duplicate ?><input type="hidden" name="confirm" value="1"><?cs /if ?>
    <div class="field">
      <label for="title"><?cs var:L.ideas.title_label ?></label>
      <input id="title" name="title" type="text" required minlength="3" maxlength="<?cs var:limits.title_max ?>" value="<?cs var:form.title ?>" autocomplete="off"<?cs if:!d.duplicate ?> data-similar="/ideas/similar.json"<?cs /if ?><?cs call:described("title", "1") ?>>
      <p class="hint" id="title-hint"><?cs var:L.ideas.title_hint ?></p>
      <?cs call:field_error("title") ?>
      <?cs if:!d.duplicate ?><p><button type="submit" name="step" value="check" class="button button-secondary button-small"><?cs var:L.ideas.check ?></button></p><?cs /if ?>
    </div>
    <?cs if:!d.duplicate ?>
    <section class="similar" id="similar" aria-live="polite" aria-labelledby="similar-h" data-hint="<?cs var:L.ideas.similar_hint ?>" data-none="<?cs var:L.ideas.no_similar ?>" data-votes="<?cs var:L.ideas.votes ?>"<?cs if:!d.checked ?> hidden<?cs /if ?>>
      <h2 id="similar-h"><?cs var:L.ideas.similar_heading ?></h2>
      <?cs if:subcount(d.similar) ?>
      <p class="hint"><?cs var:L.ideas.similar_hint ?></p>
      <ul class="similar-list"><?cs each:s = d.similar ?><li><a href="/ideas/<?cs var:s.id ?>"><?cs var:s.title ?></a> <?cs call:idea_status(s.status) ?> <span class="meta"><?cs call:idea_votes(s.vote_count) ?></span></li><?cs /each ?></ul>
      <?cs else ?><p class="empty" data-empty="1"><?cs var:L.ideas.no_similar ?></p><?cs /if ?>
    </section>
    <?cs /if ?>
    <div class="field">
      <label for="body"><?cs var:L.ideas.body_label ?></label>
      <textarea id="body" name="body" rows="8" maxlength="20000"<?cs call:described("body", "1") ?>><?cs var:form.body ?></textarea>
      <p class="hint" id="body-hint"><?cs var:L.ideas.body_hint ?></p>
      <?cs call:field_error("body") ?>
    </div>
    <?cs if:subcount(d.products) ?><div class="field">
      <label for="product"><?cs var:L.ideas.product_label ?> <span class="meta">(<?cs var:L.ideas.optional ?>)</span></label>
      <select id="product" name="product"<?cs call:described("product", "") ?>>
        <option value=""><?cs var:L.ideas.no_product ?></option>
        <?cs each:p = d.products ?><option value="<?cs var:p.sku ?>"<?cs if:form.product == p.sku ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("product") ?>
    </div><?cs /if ?>
    <div class="field">
      <label for="category"><?cs var:L.ideas.category_label ?> <span class="meta">(<?cs var:L.ideas.optional ?>)</span></label>
      <select id="category" name="category"<?cs call:described("category", "") ?>>
        <option value=""><?cs var:L.ideas.no_category ?></option>
        <?cs each:c = d.categories ?><option value="<?cs var:c.slug ?>"<?cs if:form.category == c.slug ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("category") ?>
    </div>
    <?cs if:d.duplicate ?><p class="hint" id="post-anyway-hint"><?cs var:L.ideas.dup.anyway_hint ?></p>
    <button type="submit" name="step" value="submit" class="button" id="post-anyway" aria-describedby="post-anyway-hint"><?cs var:L.ideas.dup.post_anyway ?></button>
    <?cs else ?><button type="submit" name="step" value="submit" class="button"><?cs var:L.ideas.submit ?></button><?cs /if ?>
  </form>
</section>
<?cs include:"footer.cs" ?>
