<?cs # The HTML part of every email (cgi/ctl/mail_compose.c fills mail.*).
  Every var: is HTML-escaped; styles are inline, as mail readers want. ?><!DOCTYPE html>
<html lang="<?cs var:L.notify.code ?>">
<head><meta charset="utf-8"><title><?cs var:mail.subject ?></title></head>
<body style="margin:0;padding:0;background:#f6f3ee;font-family:Helvetica,Arial,sans-serif;color:#2b2118;">
<div style="max-width:560px;margin:0 auto;padding:24px;">
  <p style="font-weight:700;font-size:18px;margin:0 0 16px;"><a href="<?cs var:mail.origin ?>/" style="color:#9a3412;text-decoration:none;"><?cs var:L.site.name ?></a></p>
  <div style="background:#ffffff;border:1px solid #e6dfd3;border-radius:8px;padding:20px;">
    <p style="margin:0 0 12px;"><?cs var:mail.greeting ?></p>
    <?cs if:mail.heading ?><h1 style="font-size:20px;margin:0 0 12px;"><?cs var:mail.heading ?></h1><?cs /if ?>
    <p style="margin:0 0 12px;"><?cs var:mail.intro ?></p>
    <?cs if:subcount(mail.items) ?>
    <ul style="padding-left:18px;margin:0 0 12px;">
    <?cs each:i = mail.items ?>
      <li style="margin:0 0 10px;"><a href="<?cs var:i.url ?>" style="color:#9a3412;"><?cs var:i.text ?></a>
        <?cs if:i.detail ?><br><span style="color:#6b5e50;"><?cs var:L.notify.reason ?> <?cs var:i.detail ?></span><?cs /if ?>
        <?cs if:i.excerpt ?><blockquote style="margin:6px 0 0;padding-left:10px;border-left:3px solid #e6dfd3;color:#4b3f33;"><?cs var:i.excerpt ?></blockquote><?cs /if ?>
      </li>
    <?cs /each ?>
    </ul>
    <?cs /if ?>
    <?cs if:subcount(mail.threads) ?>
    <h2 style="font-size:16px;margin:16px 0 8px;"><?cs var:mail.threads_heading ?></h2>
    <ul style="padding-left:18px;margin:0 0 12px;">
    <?cs each:t = mail.threads ?><li style="margin:0 0 6px;"><a href="<?cs var:t.url ?>" style="color:#9a3412;"><?cs var:t.text ?></a></li><?cs /each ?>
    </ul>
    <?cs /if ?>
    <?cs if:mail.action.url ?>
    <p style="margin:16px 0;"><a href="<?cs var:mail.action.url ?>" style="display:inline-block;background:#9a3412;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:700;"><?cs var:mail.action.text ?></a></p>
    <?cs /if ?>
    <?cs if:mail.outro ?><p style="margin:12px 0 0;color:#6b5e50;"><?cs var:mail.outro ?></p><?cs /if ?>
  </div>
  <p style="font-size:12px;color:#6b5e50;margin:16px 0 0;"><?cs var:L.notify.mail.why ?><br>
    <?cs if:mail.unfollow_url ?><a href="<?cs var:mail.unfollow_url ?>" style="color:#6b5e50;"><?cs var:L.notify.mail.unfollow ?></a> · <?cs /if ?><a href="<?cs var:mail.unsubscribe_url ?>" style="color:#6b5e50;"><?cs var:L.notify.mail.unsubscribe ?></a> · <a href="<?cs var:mail.settings_url ?>" style="color:#6b5e50;"><?cs var:L.notify.mail.settings ?></a></p>
</div>
</body>
</html>
