<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="<?cs var:lang ?>">
  <title><?cs var:d.category.name ?> · <?cs var:L.site.name ?></title>
  <subtitle><?cs var:d.category.description ?></subtitle>
  <id><?cs var:origin ?>/c/<?cs var:d.category.slug ?></id>
  <link rel="alternate" type="text/html" href="<?cs var:origin ?>/c/<?cs var:d.category.slug ?>"/>
  <link rel="self" type="application/atom+xml" href="<?cs var:origin ?>/c/<?cs var:d.category.slug ?>/feed"/>
  <updated><?cs if:d.threads.0.created_at.iso ?><?cs var:d.threads.0.created_at.iso ?><?cs else ?>1970-01-01T00:00:00Z<?cs /if ?></updated>
<?cs each:t = d.threads ?>  <entry>
    <title><?cs var:t.title ?></title>
    <id><?cs var:origin ?>/t/<?cs var:t.id ?></id>
    <link rel="alternate" type="text/html" href="<?cs var:origin ?>/t/<?cs var:t.id ?>/<?cs var:t.slug ?>"/>
    <author><name><?cs var:t.author ?></name></author>
    <published><?cs var:t.created_at.iso ?></published>
    <updated><?cs var:t.last_post_at.iso ?></updated>
    <summary type="text"><?cs var:t.summary ?></summary>
  </entry>
<?cs /each ?></feed>
