<?cs include:"macros.cs" ?><!DOCTYPE html>
<html lang="<?cs var:lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:page.title ?><?cs var:page.title ?> · <?cs /if ?><?cs var:L.site.name ?></title>
<?cs if:page.description ?><meta name="description" content="<?cs var:page.description ?>">
<?cs /if ?><link rel="canonical" href="<?cs var:origin ?><?cs var:path ?>">
<meta property="og:site_name" content="<?cs var:L.site.name ?>">
<meta property="og:title" content="<?cs if:page.title ?><?cs var:page.title ?><?cs else ?><?cs var:L.site.name ?><?cs /if ?>">
<?cs if:page.description ?><meta property="og:description" content="<?cs var:page.description ?>">
<?cs /if ?><meta property="og:type" content="<?cs if:page.og_type ?><?cs var:page.og_type ?><?cs else ?>website<?cs /if ?>">
<meta property="og:url" content="<?cs var:origin ?><?cs var:path ?>">
<meta property="og:locale" content="<?cs if:lang == "es" ?>es_ES<?cs else ?>en_US<?cs /if ?>">
<meta property="og:locale:alternate" content="<?cs if:lang == "es" ?>en_US<?cs else ?>es_ES<?cs /if ?>">
<meta name="twitter:card" content="summary">
<?cs if:page.feed ?><link rel="alternate" type="application/atom+xml" title="<?cs var:page.feed_title ?>" href="<?cs var:page.feed ?>">
<?cs /if ?><link rel="stylesheet" href="/static/tertulia.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<?cs if:page.jsonld ?><script type="application/ld+json"><?cs uvar:page.jsonld ?></script><?cs /if ?>
<script src="/static/tertulia.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main"><?cs var:L.site.skip ?></a>
<header class="site-header">
  <div class="bar">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">T</span><span class="brand-name"><?cs var:L.site.name ?></span></a>
    <nav class="main-nav" aria-label="<?cs var:L.site.nav_label ?>">
      <ul>
        <li><a href="/"<?cs if:nav == "forum" ?> aria-current="page"<?cs /if ?>><?cs var:L.site.forum ?></a></li>
        <li><a href="/products"<?cs if:nav == "products" ?> aria-current="page"<?cs /if ?>><?cs var:L.site.products ?></a></li>
        <li><a href="/ideas"<?cs if:nav == "ideas" ?> aria-current="page"<?cs /if ?>><?cs var:L.site.ideas ?></a></li>
      </ul>
    </nav>
    <form class="search-form" role="search" action="/search" method="get" aria-label="<?cs var:L.site.quick_search ?>">
      <label class="visually-hidden" for="site-search"><?cs var:L.site.search ?></label>
      <input id="site-search" type="search" name="q" placeholder="<?cs var:L.site.search_placeholder ?>" value="<?cs var:search.q ?>">
      <button type="submit"><?cs var:L.site.search ?></button>
    </form>
    <button type="button" class="menu-toggle" aria-expanded="false" aria-controls="account-nav" hidden><?cs var:L.site.menu ?><?cs if:me.unread > 0 ?> <span class="unread-count" aria-hidden="true"><?cs if:me.unread > 99 ?>99+<?cs else ?><?cs var:me.unread ?><?cs /if ?></span><?cs /if ?></button>
    <nav class="account-nav" id="account-nav" aria-label="<?cs var:L.site.account_menu ?>">
      <ul>
      <?cs if:me.id ?>
        <li><a class="me" href="/u/<?cs var:path_escape(me.name) ?>"><?cs var:me.name ?></a></li>
        <li><a class="notifications-link" href="/notifications"<?cs if:path == "/notifications" ?> aria-current="page"<?cs /if ?>><?cs var:L.notify.header ?><?cs if:me.unread > 0 ?> <span class="unread-count"><?cs if:me.unread > 99 ?>99+<?cs else ?><?cs var:me.unread ?><?cs /if ?></span><span class="visually-hidden"> <?cs var:L.notify.header_unread ?></span><?cs /if ?></a></li>
        <?cs if:me.roles.moderator || me.roles.admin ?><li><a href="/mod"><?cs var:L.site.moderation ?></a></li><?cs /if ?>
        <?cs if:me.roles.marketing || me.roles.admin ?><li><a href="/insights"><?cs var:L.site.insights ?></a></li><?cs /if ?>
        <?cs if:me.roles.admin ?><li><a href="/admin"><?cs var:L.site.admin ?></a></li><?cs /if ?>
        <li><a href="/settings"><?cs var:L.site.settings ?></a></li>
        <li><form action="/logout" method="post" class="inline-form"><?cs call:csrf_field() ?><button type="submit" class="link-button"><?cs var:L.site.logout ?></button></form></li>
      <?cs else ?>
        <li><a href="/login<?cs if:path != "/login" && path != "/register" ?>?next=<?cs var:url_escape(path) ?><?cs /if ?>"><?cs var:L.site.login ?></a></li>
        <li><a class="button button-small" href="/register"><?cs var:L.site.register ?></a></li>
      <?cs /if ?>
      </ul>
    </nav>
  </div>
</header>
<main id="main" tabindex="-1">
<?cs if:said ?><p class="notice notice-ok said" role="status" aria-live="polite"><?cs var:said ?></p><?cs /if ?>
