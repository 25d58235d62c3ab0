# Writes the mail-49 thread set: raw .eml templates (placeholders ${RUN}, ${SUPPORT}, ${REPLY:T01}, ${CASE:T01},
# ${MID:file}) and set.csv with the expected conversation, rule and text of every mail.
import base64, quopri, os, sys
from email.header import Header
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(OUT, exist_ok=True)
rows = []
CRLF = b'\r\n'

def ew(text, charset='utf-8', enc='B'):
    return Header(text, charset).encode() if enc == 'B' else '=?%s?Q?%s?=' % (charset, quopri.encodestring(text.encode(charset), header=True).decode())

def qp(text, charset):
    return quopri.encodestring(text.replace('\n', '\r\n').encode(charset)).replace(b'\n', b'\r\n').replace(b'\r\r\n', b'\r\n')

def b64(data):
    return base64.encodebytes(data).replace(b'\n', b'\r\n')

def headers(h):
    return b''.join((k + ': ' + v).encode('utf-8') + CRLF for k, v in h)

def part(ctype, body, cte=None, extra=()):
    h = [('Content-Type', ctype)] + ([('Content-Transfer-Encoding', cte)] if cte else []) + list(extra)
    return headers(h) + CRLF + body

def multipart(sub, boundary, parts):
    out = b''
    for p in parts:
        out += b'--' + boundary.encode() + CRLF + p + CRLF
    return ('multipart/%s; boundary="%s"' % (sub, boundary)), out + b'--' + boundary.encode() + b'--' + CRLF

def mail(name, hdrs, ctype, body, cte=None, conv='', kind='human', rule='new case', must=(), mustnot=()):
    h = list(hdrs) + [('MIME-Version', '1.0'), ('Content-Type', ctype)] + ([('Content-Transfer-Encoding', cte)] if cte else [])
    data = headers(h) + CRLF + body
    with open(os.path.join(OUT, name + '.eml'), 'wb') as f:
        f.write(data)
    rows.append((name + '.eml', kind, conv, rule, '|'.join(must), '|'.join(mustnot)))

def step(kind, conv):
    rows.append(('@' + kind, kind, conv, '', '', ''))

def text(s, charset='utf-8'):
    return s.replace('\n', '\r\n').encode(charset)

SUP = 'Omnicase Support <${SUPPORT}>'
QUOTED_REPLY = 'Thank you, we are looking into it.\n\n-- \nAdmin User\nOmnicase Support, case #${CASE:%s}\n'

# ---- T01: Dutch bakery, Outlook on Windows, windows-1252 quoted-printable, disclaimer, colleague, iPhone --------
JAN = 'Jan de Vries <jan.${RUN}@bakkerij-${RUN}.example.nl>'
DISC_NL = ('\nDit e-mailbericht is uitsluitend bestemd voor de geadresseerde(n) en kan vertrouwelijke informatie bevatten.\n'
           'Indien u dit bericht ten onrechte heeft ontvangen, wordt u verzocht de afzender direct te informeren en het bericht te verwijderen.\n')
mail('t01-1-outlook-nl-cp1252-first', [('From', JAN), ('To', SUP), ('Subject', 'Factuur 2026-1187 dubbel afgeschreven'),
     ('Date', 'Thu, 3 Dec 2026 08:41:12 +0100'), ('Message-ID', '<AM0PR07MB41${RUN}01@AM0PR07MB41.eurprd07.prod.outlook.com>'),
     ('X-Mailer', 'Microsoft Outlook 16.0'), ('Content-Language', 'nl-NL')],
     'text/plain; charset="windows-1252"',
     qp('Goedemorgen,\n\nHet bedrag van \u20ac 249,50 voor factuur 2026-1187 is twee keer van onze rekening afgeschreven '
        '(3 en 4 december). Kunt u \u00e9\u00e9n betaling terugstorten?\n\nMet vriendelijke groet,\n\nJan de Vries\n'
        'Bakkerij De Vries \u2013 Oudegracht 14, Utrecht\n' + DISC_NL, 'cp1252'), 'quoted-printable',
     conv='T01', must=['twee keer van onze rekening', '\u20ac 249', '\u00e9\u00e9n betaling'],
     mustnot=['uitsluitend bestemd voor de geadresseerde'])
step('reply', 'T01')
mail('t01-2-outlook-nl-re-top-post', [('From', JAN), ('To', SUP), ('Subject', 'RE: Factuur 2026-1187 dubbel afgeschreven [Case #${CASE:T01}]'),
     ('Date', 'Fri, 4 Dec 2026 09:30:00 +0100'), ('Message-ID', '<AM0PR07MB41${RUN}02@AM0PR07MB41.eurprd07.prod.outlook.com>'),
     ('In-Reply-To', '${REPLY:T01}'), ('References', '<AM0PR07MB41${RUN}01@AM0PR07MB41.eurprd07.prod.outlook.com> ${REPLY:T01}'),
     ('X-Mailer', 'Microsoft Outlook 16.0')],
     'text/plain; charset="windows-1252"',
     qp('Dank u. Het rekeningnummer is NL91 ABNA 0417 1643 00, ten name van Bakkerij De Vries.\n\nMet vriendelijke groet,\nJan de Vries\n'
        + DISC_NL + '\n________________________________\nVan: Omnicase Support <${SUPPORT}>\nVerzonden: vrijdag 4 december 2026 09:12\n'
        'Aan: Jan de Vries <jan.${RUN}@bakkerij-${RUN}.example.nl>\nOnderwerp: Re: Factuur 2026-1187 dubbel afgeschreven [Case #${CASE:T01}]\n\n'
        + QUOTED_REPLY % 'T01', 'cp1252'), 'quoted-printable',
     conv='T01', rule='In-Reply-To', must=['NL91 ABNA 0417 1643 00'], mustnot=['looking into it', 'uitsluitend bestemd', 'Onderwerp'])
PETRA = 'Petra Smit <petra.smit.${RUN}@bakkerij-${RUN}.example.nl>'
html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><style>p.MsoNormal{margin:0}</style></head>'
        '<body lang="NL" link="#0563C1"><div class="WordSection1"><p class="MsoNormal">Aanvulling van de administratie: de tweede '
        'afschrijving staat op ons afschrift van 4 december onder kenmerk 99812.<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        '<p class="MsoNormal">Groet,<br>Petra Smit<br>Administratie</p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        '<div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>Van:</b> Jan de Vries '
        '&lt;jan.${RUN}@bakkerij-${RUN}.example.nl&gt; <br><b>Verzonden:</b> vrijdag 4 december 2026 09:30<br><b>Aan:</b> Omnicase Support '
        '&lt;${SUPPORT}&gt;<br><b>Onderwerp:</b> RE: Factuur 2026-1187 dubbel afgeschreven<o:p></o:p></p></div></div>'
        '<p class="MsoNormal">Dank u. Het rekeningnummer is NL91 ABNA 0417 1643 00, ten name van Bakkerij De Vries.<o:p></o:p></p>'
        '</div></body></html>')
mail('t01-3-colleague-outlook-html-only-reply-all', [('From', PETRA), ('To', SUP), ('Cc', JAN),
     ('Subject', 'RE: Factuur 2026-1187 dubbel afgeschreven [Case #${CASE:T01}]'), ('Date', 'Fri, 4 Dec 2026 10:02:00 +0100'),
     ('Message-ID', '<DB9PR07MB88${RUN}03@DB9PR07MB88.eurprd07.prod.outlook.com>'),
     ('In-Reply-To', '<AM0PR07MB41${RUN}02@AM0PR07MB41.eurprd07.prod.outlook.com>'),
     ('References', '<AM0PR07MB41${RUN}01@AM0PR07MB41.eurprd07.prod.outlook.com> ${REPLY:T01} <AM0PR07MB41${RUN}02@AM0PR07MB41.eurprd07.prod.outlook.com>')],
     'text/html; charset="windows-1252"', qp(html, 'cp1252'), 'quoted-printable',
     conv='T01', rule='In-Reply-To', must=['kenmerk 99812'], mustnot=['ten name van Bakkerij', 'Verzonden'])
mail('t01-4-iphone-nl-bottom-attribution', [('From', JAN), ('To', SUP), ('Subject', 'Re: Factuur 2026-1187 dubbel afgeschreven [Case #${CASE:T01}]'),
     ('Date', 'Sat, 5 Dec 2026 11:15:00 +0100'), ('Message-ID', '<8A1C${RUN}-44E2-4C1F-9D1B-2F6C1E0A0B04@bakkerij-${RUN}.example.nl>'),
     ('In-Reply-To', '${REPLY:T01}'), ('References', '${REPLY:T01}'), ('X-Mailer', 'iPhone Mail (22B91)')],
     'text/plain; charset=utf-8', qp('Is er al nieuws over de terugboeking?\n\nVerzonden vanaf mijn iPhone\n\n'
        '> Op 4 dec. 2026 om 09:12 heeft Omnicase Support <${SUPPORT}> het volgende geschreven:\n>\n> '
        'Thank you, we are looking into it.\n> \n> -- \n> Admin User\n> Omnicase Support, case #${CASE:T01}\n', 'utf-8'),
     'quoted-printable', conv='T01', rule='In-Reply-To', must=['Is er al nieuws'], mustnot=['het volgende geschreven', 'Verzonden vanaf'])

# ---- T02: Japanese, Shift_JIS and ISO-2022-JP, Outlook's Japanese header block, a split encoded-word subject ------
YAMADA = '%s <yamada.${RUN}@shop-${RUN}.example.jp>' % ew('山田 太郎', 'iso-2022-jp')
subj = '注文番号 JP-4471 の配送について'
mail('t02-1-shift-jis-base64-first', [('From', YAMADA), ('To', SUP), ('Subject', ew(subj, 'shift_jis')),
     ('Date', 'Thu, 3 Dec 2026 17:05:00 +0900'), ('Message-ID', '<20261203170500.${RUN}.A1@shop-${RUN}.example.jp>'),
     ('X-Mailer', 'Becky! ver. 2.81.04')],
     'text/plain; charset="Shift_JIS"', b64(text('お世話になっております。\n注文番号 JP-4471 の商品がまだ届いていません。\n配送状況を確認していただけますか。\n\n山田 太郎\n', 'shift_jis')),
     'base64', conv='T02', must=['まだ届いていません'])
step('reply', 'T02')
mail('t02-2-outlook-ja-no-thread-headers', [('From', YAMADA), ('To', SUP), ('Subject', ew('RE: ' + subj, 'iso-2022-jp')),
     ('Date', 'Fri, 4 Dec 2026 10:20:00 +0900'), ('Message-ID', '<TYCPR01MB81${RUN}02@TYCPR01MB81.jpnprd01.prod.outlook.com>'),
     ('X-Mailer', 'Microsoft Outlook 16.0'), ('Content-Language', 'ja-JP')],
     'text/plain; charset="iso-2022-jp"', text('ご確認ありがとうございます。\n不在票が入っていたので、明日の午前中に再配達をお願いします。\n\n'
        '差出人: Omnicase Support <${SUPPORT}>\n送信日時: 2026年12月4日 10:03\n宛先: 山田 太郎 <yamada.${RUN}@shop-${RUN}.example.jp>\n'
        '件名: Re: 注文番号 JP-4471 の配送について [Case #${CASE:T02}]\n\nThank you, we are looking into it.\n', 'iso-2022-jp'), '7bit',
     conv='T02', rule='case number in the quoted reply', must=['再配達をお願いします'], mustnot=['looking into it', '差出人', '送信日時'])
raw = ('Re: ' + subj).encode('utf-8')
split = '=?UTF-8?B?%s?=\r\n =?UTF-8?B?%s?=' % (base64.b64encode(raw[:20]).decode(), base64.b64encode(raw[20:]).decode())
mail('t02-3-split-multibyte-encoded-word-subject', [('From', YAMADA), ('To', SUP), ('Subject', split),
     ('Date', 'Sat, 5 Dec 2026 09:00:00 +0900'), ('Message-ID', '<20261205090000.${RUN}.A3@shop-${RUN}.example.jp>'),
     ('X-Mailer', 'Becky! ver. 2.81.04')],
     'text/plain; charset="UTF-8"', b64(text('荷物を受け取りました。ありがとうございました。\n', 'utf-8')), 'base64',
     conv='T02', rule='subject and sender', must=['荷物を受け取りました'])
mail('t02-4-auto-reply-ja', [('From', YAMADA), ('To', SUP), ('Subject', ew('自動応答: Re: ' + subj, 'iso-2022-jp')),
     ('Date', 'Sat, 5 Dec 2026 09:01:00 +0900'), ('Message-ID', '<20261205090100.${RUN}.auto@shop-${RUN}.example.jp>'),
     ('In-Reply-To', '${REPLY:T02}'), ('Auto-Submitted', 'auto-replied')],
     'text/plain; charset="iso-2022-jp"', text('12月7日まで不在にしております。\n', 'iso-2022-jp'), '7bit', conv='T02', kind='auto', rule='In-Reply-To')

# ---- T03: French Apple Mail, HTML only in ISO-8859-1, inline photo, forward of the carrier's mail ---------------
ELO = '%s <elodie.martin.${RUN}@free-${RUN}.example.fr>' % ew('Élodie Martin', 'iso-8859-1', 'Q')
s3 = 'Colis abîmé à la livraison'
mail('t03-1-apple-html-only-latin1', [('From', ELO), ('To', SUP), ('Subject', ew(s3, 'iso-8859-1', 'Q')),
     ('Date', 'Thu, 3 Dec 2026 19:12:00 +0100'), ('Message-ID', '<5B2D${RUN}-0C1A-4E0B-8C3E-7D9A0E1F2A01@free-${RUN}.example.fr>'),
     ('X-Mailer', 'Apple Mail (2.3826.300.87.4.3)')],
     'text/html; charset=iso-8859-1', qp('<html><head><meta http-equiv="content-type" content="text/html; charset=iso-8859-1"></head>'
        '<body style="overflow-wrap: break-word;"><div>Bonjour,</div><div><br></div><div>Le colis n° 77812 est arrivé écrasé, la lampe '
        'est cassée. Je voudrais un remplacement.</div><div><br></div><div>Cordialement,</div><div>Élodie Martin</div></body></html>', 'latin-1'),
     'quoted-printable', conv='T03', must=['la lampe est cassée', 'n° 77812', 'un remplacement'])
step('reply', 'T03')
png = base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==')
inner = ('<html><body style="overflow-wrap: break-word;"><div>Voici les photos du carton.</div><div><img apple-inline="yes" '
         'src="cid:F1A2B3C4-photo@free.example" alt="IMG_2231.png"></div><div><br><blockquote type="cite"><div>Le 4 déc. 2026 à 10:20, '
         'Omnicase Support &lt;${SUPPORT}&gt; a écrit :</div><br class="Apple-interchange-newline"><div><div>Thank you, we are looking into it.'
         '\n<br><br>-- <br>Admin User<br>\nOmnicase Support, case #${CASE:T03}</div></div></blockquote></div><br></body></html>')
ct, body = multipart('related', 'Apple-Mail=_R1-${RUN}', [
    part('text/html; charset=iso-8859-1', qp(inner, 'latin-1'), 'quoted-printable'),
    part('image/png; name="IMG_2231.png"', b64(png), 'base64', [('Content-Id', '<F1A2B3C4-photo@free.example>'), ('Content-Disposition', 'inline; filename="IMG_2231.png"')])])
mail('t03-2-apple-html-reply-inline-image', [('From', ELO), ('To', SUP), ('Subject', ew('Re: ' + s3, 'iso-8859-1', 'Q')),
     ('Date', 'Fri, 4 Dec 2026 12:00:00 +0100'), ('Message-ID', '<5B2D${RUN}-0C1A-4E0B-8C3E-7D9A0E1F2A02@free-${RUN}.example.fr>'),
     ('In-Reply-To', '${REPLY:T03}'), ('References', '<5B2D${RUN}-0C1A-4E0B-8C3E-7D9A0E1F2A01@free-${RUN}.example.fr> ${REPLY:T03}'),
     ('X-Mailer', 'Apple Mail (2.3826.300.87.4.3)')], ct, body, conv='T03', rule='In-Reply-To',
     must=['Voici les photos du carton'], mustnot=['looking into it', 'a écrit'])
mail('t03-3-outlook-fr-tr-carrier-forward', [('From', ELO), ('To', SUP), ('Subject', 'TR: Votre colis 77812 a =?iso-8859-1?Q?=E9t=E9?= =?iso-8859-1?Q?_livr=E9?='),
     ('Date', 'Fri, 4 Dec 2026 12:30:00 +0100'), ('Message-ID', '<PR1P264MB${RUN}03@PR1P264MB.FRAP264.PROD.OUTLOOK.COM>'),
     ('X-Mailer', 'Microsoft Outlook 16.0')],
     'text/plain; charset="iso-8859-1"', qp('Voici la preuve de livraison du transporteur pour le colis n° 77812 : le carton était déjà abîmé.\n\n'
        '________________________________\nDe : Colissimo <noreply@colis-${RUN}.example.fr>\nEnvoyé : jeudi 3 décembre 2026 18:02\n'
        'À : elodie.martin.${RUN}@free-${RUN}.example.fr\nObjet : Votre colis 77812 a été livré\n\nBonjour, votre colis 77812 a été livré le 3 décembre à 17:55.\n', 'latin-1'),
     'quoted-printable', conv='T03', rule='reference number of a forwarded mail', must=['preuve de livraison'], mustnot=['votre colis 77812 a été livré le'])

# ---- T04: Spanish, Gmail and Thunderbird, RE[2], references only, inline answers --------------------------------
MARTA = ew('Marta López') + ' <marta.lopez.${RUN}@gmail.com>'
s4 = 'No puedo acceder a mi cuenta'
ct, body = multipart('alternative', '000000000000a1b2c3${RUN}', [
    part('text/plain; charset="UTF-8"', qp('Hola:\n\nDesde ayer no puedo entrar en mi cuenta, me dice que la contraseña es incorrecta aunque la he cambiado.\n\nUn saludo,\nMarta\n', 'utf-8'), 'quoted-printable'),
    part('text/html; charset="UTF-8"', qp('<div dir="ltr">Hola:<div><br></div><div>Desde ayer no puedo entrar en mi cuenta, me dice que la contraseña es incorrecta aunque la he cambiado.</div><div><br></div><div>Un saludo,</div><div>Marta</div></div>\n', 'utf-8'), 'quoted-printable')])
mail('t04-1-gmail-es-first', [('From', MARTA), ('To', SUP), ('Subject', ew(s4)), ('Date', 'Thu, 3 Dec 2026 21:40:00 +0100'),
     ('Message-ID', '<CAK9x${RUN}Qv01=Ab@mail.gmail.com>')], ct, body, conv='T04', must=['la contraseña es incorrecta'])
step('reply', 'T04')
mail('t04-2-thunderbird-re2-references-only-bottom', [('From', MARTA), ('To', SUP), ('Subject', 'Re[2]: ' + ew(s4)),
     ('Date', 'Fri, 4 Dec 2026 11:00:00 +0100'), ('Message-ID', '<b7e1${RUN}-02@gmail.com>'),
     ('References', '<CAK9x${RUN}Qv01=Ab@mail.gmail.com> ${REPLY:T04}'), ('User-Agent', 'Mozilla Thunderbird')],
     'text/plain; charset=UTF-8; format=flowed', qp('El 4/12/26 a las 10:31, Omnicase Support escribió:\n> Thank you, we are looking into it.\n>\n\n'
        'Ya lo he intentado otra vez y sigue sin funcionar. Me sale el error 0x80070005.\n\nMarta\n', 'utf-8'), 'quoted-printable',
     conv='T04', rule='References', must=['error 0x80070005'], mustnot=['looking into it', 'escribió'])
step('reply', 'T04')
mail('t04-3-gmail-inline-answers', [('From', MARTA), ('To', SUP), ('Subject', 'Re: ' + ew(s4) + ' [Case #${CASE:T04}]'),
     ('Date', 'Fri, 4 Dec 2026 12:40:00 +0100'), ('Message-ID', '<CAK9x${RUN}Qv03=Cd@mail.gmail.com>'),
     ('In-Reply-To', '${REPLY:T04}'), ('References', '<CAK9x${RUN}Qv01=Ab@mail.gmail.com> ${REPLY:T04}')],
     'text/plain; charset="UTF-8"', text('El vie, 4 dic 2026 a las 12:02, Omnicase Support (<${SUPPORT}>)\nescribió:\n\n'
        '> Thank you, we are looking into it.\n> ¿Qué navegador usa?\n\nChrome 131 en Windows 11.\n\n> ¿Ha borrado la caché?\n\nSí, dos veces.\n\n'
        '> -- \n> Admin User\n> Omnicase Support, case #${CASE:T04}\n'), '8bit',
     conv='T04', rule='In-Reply-To', must=['Chrome 131 en Windows 11', 'dos veces'], mustnot=['Qué navegador', 'escribió'])

# ---- T05: German, disclaimer without a delimiter, a colleague forwarding the customer's mail ---------------------
SAB = 'Sabine =?iso-8859-1?Q?Kr=FCger?= <s.krueger.${RUN}@stadtwerke-${RUN}.example.de>'
DISC_DE = ('\nStadtwerke Nord GmbH | Am Hafen 3 | 28195 Bremen\nGeschäftsführer: Dr. Frank Ahrens | Amtsgericht Bremen HRB 12345\n\n'
           'Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen. Wenn Sie nicht der richtige Adressat sind oder '
           'diese E-Mail irrtümlich erhalten haben, informieren Sie bitte sofort den Absender und vernichten Sie diese E-Mail. Das unerlaubte '
           'Kopieren sowie die unbefugte Weitergabe dieser E-Mail sind nicht gestattet.\n')
mail('t05-1-thunderbird-de-latin1-8bit', [('From', SAB), ('To', SUP), ('Subject', 'Zugang zum Kundenportal gesperrt'),
     ('Date', 'Thu, 3 Dec 2026 08:14:00 +0100'), ('Message-ID', '<3f0c${RUN}-05a1@stadtwerke-${RUN}.example.de>'),
     ('User-Agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0')],
     'text/plain; charset=ISO-8859-1; format=flowed', text('Guten Tag,\n\nseit heute früh ist unser Zugang zum Kundenportal gesperrt '
        '(Meldung "Konto gesperrt"). Bitte entsperren Sie ihn.\n\nMit freundlichen Grüßen\nSabine Krüger\n' + DISC_DE, 'latin-1'), '8bit',
     conv='T05', must=['seit heute früh ist unser Zugang', 'entsperren'], mustnot=['vertrauliche und/oder rechtlich'])
step('reply', 'T05')
mail('t05-2-outlook-de-aw-disclaimer-above-quote', [('From', SAB), ('To', SUP), ('Subject', 'AW: Zugang zum Kundenportal gesperrt [Case #${CASE:T05}]'),
     ('Date', 'Fri, 4 Dec 2026 11:30:00 +0100'), ('Message-ID', '<FR2P281MB${RUN}05b@FR2P281MB.DEUP281.PROD.OUTLOOK.COM>'),
     ('In-Reply-To', '${REPLY:T05}'), ('References', '<3f0c${RUN}-05a1@stadtwerke-${RUN}.example.de> ${REPLY:T05}'),
     ('Thread-Topic', 'Zugang zum Kundenportal gesperrt'), ('X-Mailer', 'Microsoft Outlook 16.0')],
     'text/plain; charset="windows-1252"', qp('Hallo,\n\ndanke, es funktioniert wieder.\n\nViele Grüße\nSabine Krüger\n' + DISC_DE +
        '\nVon: Omnicase Support <${SUPPORT}>\nGesendet: Freitag, 4. Dezember 2026 11:00\nAn: Sabine Krüger <s.krueger.${RUN}@stadtwerke-${RUN}.example.de>\n'
        'Betreff: Re: Zugang zum Kundenportal gesperrt [Case #${CASE:T05}]\n\n' + QUOTED_REPLY % 'T05', 'cp1252'), 'quoted-printable',
     conv='T05', rule='In-Reply-To', must=['es funktioniert wieder'], mustnot=['vertrauliche und/oder rechtlich', 'looking into it'])
mail('t05-3-colleague-forwards-customer-mail', [('From', 'Thomas Berger <t.berger.${RUN}@stadtwerke-${RUN}.example.de>'), ('To', SUP),
     ('Subject', 'WG: Zugang zum Kundenportal gesperrt'), ('Date', 'Fri, 4 Dec 2026 11:45:00 +0100'),
     ('Message-ID', '<7a22${RUN}-05c@stadtwerke-${RUN}.example.de>'),
     ('User-Agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0')],
     'text/plain; charset=UTF-8', qp('Hallo,\n\nbei mir ist der Zugang jetzt auch gesperrt, Benutzer t.berger.\n\nGruß\nThomas Berger\n\n'
        '-------- Weitergeleitete Nachricht --------\nBetreff: \tZugang zum Kundenportal gesperrt\nDatum: \tThu, 3 Dec 2026 08:14:00 +0100\n'
        'Von: \tSabine Krüger <s.krueger.${RUN}@stadtwerke-${RUN}.example.de>\nAn: \t${SUPPORT}\n\n\n\nGuten Tag,\n\nseit heute früh ist unser '
        'Zugang zum Kundenportal gesperrt.\n', 'utf-8'), 'quoted-printable',
     conv='T05', rule="forward of the customer's mail", must=['bei mir ist der Zugang jetzt auch gesperrt'],
     mustnot=['Weitergeleitete Nachricht', 'seit heute früh', 'Betreff'])
mail('t05-4-abwesenheit-unthreaded', [('From', 'Sabine Krueger <s.krueger.${RUN}@stadtwerke-${RUN}.example.de>'), ('To', SUP),
     ('Subject', 'Automatische Antwort: Zugang zum Kundenportal gesperrt'), ('Date', 'Fri, 4 Dec 2026 18:00:00 +0100'),
     ('Message-ID', '<FR2P281MB${RUN}05d@FR2P281MB.DEUP281.PROD.OUTLOOK.COM>'), ('Auto-Submitted', 'auto-generated'),
     ('X-Auto-Response-Suppress', 'All'), ('X-MS-Exchange-Inbox-Rules-Loop', 's.krueger.${RUN}@stadtwerke-${RUN}.example.de')],
     'text/plain; charset="utf-8"', text('Ich bin bis 14.12. nicht im Büro.\n'), '8bit', conv='log', kind='auto')

# ---- T06: one customer, two matters with similar subjects -------------------------------------------------------
PRIYA = 'Priya Nair <priya.nair.${RUN}@outlook.com>'
mail('t06-1-refund-88120', [('From', PRIYA), ('To', SUP), ('Subject', 'Refund for order 88120'), ('Date', 'Thu, 3 Dec 2026 09:00:00 +0000'),
     ('Message-ID', '<DU0P189MB${RUN}61@DU0P189MB.EURP189.PROD.OUTLOOK.COM>')], 'text/plain; charset="us-ascii"',
     text('Hi,\n\nI ordered two kettles on order 88120 and one arrived broken. Please refund one of them.\n\nThanks,\nPriya\n'), '7bit', conv='T06',
     must=['one arrived broken'])
mail('t06-2-refund-88167', [('From', PRIYA), ('To', SUP), ('Subject', 'Refund for order 88167'), ('Date', 'Thu, 3 Dec 2026 09:05:00 +0000'),
     ('Message-ID', '<DU0P189MB${RUN}62@DU0P189MB.EURP189.PROD.OUTLOOK.COM>')], 'text/plain; charset="us-ascii"',
     text('Hi again,\n\nSeparate problem: order 88167 was cancelled but I was still charged 34.99.\n\nPriya\n'), '7bit', conv='T06b',
     must=['still charged 34.99'])
step('reply', 'T06')
step('reply', 'T06b')
mail('t06-3-re-88167-no-headers', [('From', PRIYA), ('To', SUP), ('Subject', 'RE: Refund for order 88167'), ('Date', 'Fri, 4 Dec 2026 10:00:00 +0000'),
     ('Message-ID', '<DU0P189MB${RUN}63@DU0P189MB.EURP189.PROD.OUTLOOK.COM>')], 'text/plain; charset="us-ascii"',
     text('The charge is still on my card statement today.\n\n-----Original Message-----\nFrom: Omnicase Support <${SUPPORT}>\nSent: Friday, December 4, 2026 9:40 AM\n'
          'To: Priya Nair <priya.nair.${RUN}@outlook.com>\nSubject: Re: Refund for order 88167 [Case #${CASE:T06b}]\n\nThank you, we are looking into it.\n'), '7bit',
     conv='T06b', rule='case number in the quoted reply', must=['still on my card statement'], mustnot=['looking into it'])
mail('t06-4-re-88120-in-reply-to', [('From', PRIYA), ('To', SUP), ('Subject', 'RE: Refund for order 88120 [Case #${CASE:T06}]'),
     ('Date', 'Fri, 4 Dec 2026 10:05:00 +0000'), ('Message-ID', '<DU0P189MB${RUN}64@DU0P189MB.EURP189.PROD.OUTLOOK.COM>'),
     ('In-Reply-To', '${REPLY:T06}'), ('References', '<DU0P189MB${RUN}61@DU0P189MB.EURP189.PROD.OUTLOOK.COM> ${REPLY:T06}')],
     'text/plain; charset="us-ascii"', text('Photo of the broken kettle is attached.\n\n-----Original Message-----\nFrom: Omnicase Support <${SUPPORT}>\n'
          'Sent: Friday, December 4, 2026 9:40 AM\nSubject: Re: Refund for order 88120\n\nThank you, we are looking into it.\n'), '7bit',
     conv='T06', rule='In-Reply-To', must=['broken kettle'], mustnot=['looking into it'])

# ---- T07: a reply with a new subject and no thread headers (Yahoo quotes without ">") -----------------------------
KWAME = 'Kwame Mensah <kwame.mensah.${RUN}@yahoo.com>'
mail('t07-1-yahoo-first', [('From', KWAME), ('To', SUP), ('Subject', 'Charged twice for my subscription'),
     ('Date', 'Thu, 3 Dec 2026 14:00:00 +0000'), ('Message-ID', '<1781${RUN}.101.1764770400000@mail.yahoo.com>'),
     ('X-Mailer', 'WebService/1.1.23956 YMailNorrin')], 'text/plain; charset=UTF-8',
     text('Hello, my card was charged twice for the December subscription (2 x 12.99 GBP). Please refund the second charge.\nKwame\n'), '7bit',
     conv='T07', must=['charged twice for the December subscription'])
step('reply', 'T07')
mail('t07-2-yahoo-new-subject-no-headers', [('From', KWAME), ('To', SUP), ('Subject', 'still waiting - please call me'),
     ('Date', 'Fri, 4 Dec 2026 16:00:00 +0000'), ('Message-ID', '<1781${RUN}.102.1764864000000@mail.yahoo.com>'),
     ('X-Mailer', 'WebService/1.1.23956 YMailNorrin')], 'text/plain; charset=UTF-8',
     text('Please call me on +44 20 7946 0018 instead, I prefer to talk this through.\n\n\nOn Friday, 4 December 2026 at 10:40:12 GMT, '
          'Omnicase Support <${SUPPORT}> wrote:\n\n\nThank you, we are looking into it.\n\n-- \nAdmin User\nOmnicase Support, case #${CASE:T07}\n'), '7bit',
     conv='T07', rule='case number in the quoted reply', must=['+44 20 7946 0018'], mustnot=['looking into it'])

# ---- T08: a new matter sent as a reply to a closed case ----------------------------------------------------------
LARS = 'Lars Nilsson <lars.${RUN}@nilsson-${RUN}.example.se>'
mail('t08-1-outlook-sv-first', [('From', LARS), ('To', SUP), ('Subject', ew('Fel på elmätaren')), ('Date', 'Tue, 1 Dec 2026 08:00:00 +0100'),
     ('Message-ID', '<HE1P190MB${RUN}81@HE1P190MB.EURP190.PROD.OUTLOOK.COM>')], 'text/plain; charset="utf-8"',
     b64(text('Hej,\n\nElmätaren i vår lägenhet visar ingenting sedan i söndags.\n\nMed vänliga hälsningar\nLars Nilsson\n')), 'base64',
     conv='T08', must=['visar ingenting sedan i söndags'])
step('reply', 'T08')
step('close', 'T08')
mail('t08-2-sv-reply-to-closed-case-new-matter', [('From', LARS), ('To', SUP), ('Subject', 'SV: ' + ew('Fel på elmätaren') + ' [Case #${CASE:T08}]'),
     ('Date', 'Sat, 5 Dec 2026 10:00:00 +0100'), ('Message-ID', '<HE1P190MB${RUN}82@HE1P190MB.EURP190.PROD.OUTLOOK.COM>'),
     ('In-Reply-To', '${REPLY:T08}'), ('References', '<HE1P190MB${RUN}81@HE1P190MB.EURP190.PROD.OUTLOOK.COM> ${REPLY:T08}')],
     'text/plain; charset="utf-8"', (text('Hej igen! Nu gäller det något annat: vi har flyttat och vill byta fakturaadress till Storgatan 12, 411 38 Göteborg.\n\n'
        'Från: Omnicase Support <${SUPPORT}>\nSkickat: den 2 december 2026 09:10\nTill: Lars Nilsson <lars.${RUN}@nilsson-${RUN}.example.se>\n'
        'Ämne: Re: Fel på elmätaren [Case #${CASE:T08}]\n\nThank you, we are looking into it.\n')), '8bit',
     conv='T08b', rule='new case', must=['byta fakturaadress'], mustnot=['looking into it', 'Skickat'])

# ---- T09: large mail with an inline image and a PDF; the same mail delivered twice -------------------------------
HANNAH = 'Hannah Schmidt <hannah.schmidt.${RUN}@web-${RUN}.example.de>'

alt_ct, alt = multipart('alternative', 'alt-${RUN}-9', [
    part('text/plain; charset=UTF-8', text('Hello,\n\nthe meter reading is 004512, photo and the scanned letter attached.\n\nHannah\n'), '7bit'),
    part('text/html; charset=UTF-8', text('<div>Hello,</div><div>the meter reading is 004512, photo and the scanned letter attached.</div>'
         '<div><img src="cid:ii_meter01"></div><div>Hannah</div>'), '7bit')])
rel_ct, rel = multipart('related', 'rel-${RUN}-9', [part(alt_ct, alt), part('image/png; name="meter.png"', b64(png), 'base64',
     [('Content-ID', '<ii_meter01>'), ('Content-Disposition', 'inline; filename="meter.png"')])])
ct, body = multipart('mixed', 'mix-${RUN}-9', [part(rel_ct, rel), part('application/pdf; name="letter.pdf"', b'${PDF-6MB-BASE64}\r\n', 'base64',
     [('Content-Disposition', 'attachment; filename="letter.pdf"')])])
mail('t09-1-large-mail-inline-image-and-pdf', [('From', HANNAH), ('To', SUP), ('Subject', 'Meter reading and scanned letter'),
     ('Date', 'Thu, 3 Dec 2026 10:00:00 +0100'), ('Message-ID', '<big-${RUN}-91@web-${RUN}.example.de>')], ct, body,
     conv='T09', must=['meter reading is 004512'])
mail('t10-1-apple-en-first', [('From', 'Oliver Grant <oliver.${RUN}@grant-${RUN}.example.co.uk>'), ('To', SUP),
     ('Subject', 'Lost my tracking number'), ('Date', 'Thu, 3 Dec 2026 12:00:00 +0000'),
     ('Message-ID', '<E2B1${RUN}-AB12-4C2D-9E3F-000000000101@grant-${RUN}.example.co.uk>'), ('X-Mailer', 'Apple Mail (2.3826.300.87.4.3)')],
     'text/plain; charset=us-ascii', text('Hi, I deleted the shipping mail for order 55102. Could you send me the tracking number again?\n\nOliver\n'), '7bit',
     conv='T10', must=['send me the tracking number again'])
# the same mail again (delivered twice: once directly, once via the Cc to an alias that forwards to support)
src = open(os.path.join(OUT, 't10-1-apple-en-first.eml'), 'rb').read()
with open(os.path.join(OUT, 't10-2-same-message-id-delivered-again.eml'), 'wb') as f:
    f.write(b'Received: from alias.grant-${RUN}.example.co.uk (alias.grant-${RUN}.example.co.uk [192.0.2.44])\r\n\tby mx.omnicase.example; Thu, 3 Dec 2026 12:00:09 +0000\r\n'
            b'Delivered-To: ${SUPPORT}\r\n' + src)
rows.append(('t10-2-same-message-id-delivered-again.eml', 'duplicate', 'T10', '', '', ''))

# ---- T11: a customer forwards an earlier thread with a third party as a new matter (Gmail, English) ---------------
mail('t11-1-gmail-forwards-retailer-thread', [('From', 'Dana Whitfield <dana.whitfield.${RUN}@gmail.com>'), ('To', SUP),
     ('Subject', 'Fwd: Warranty claim W-5521'), ('Date', 'Fri, 4 Dec 2026 15:00:00 +0000'), ('Message-ID', '<CAF${RUN}w5521fwd@mail.gmail.com>')],
     'text/plain; charset="UTF-8"', text('Hello, the retailer told me to contact you directly about the warranty, see below. The mixer stopped working after 3 weeks.\n\n'
        '---------- Forwarded message ---------\nFrom: HomeStore Service <service@homestore-${RUN}.example>\nDate: Wed, Dec 2, 2026 at 4:12 PM\n'
        'Subject: Re: Warranty claim W-5521\nTo: Dana Whitfield <dana.whitfield.${RUN}@gmail.com>\n\n\nDear customer, please contact the manufacturer for warranty claims.\n\n'
        'On Tue, Dec 1, 2026 at 9:00 AM Dana Whitfield <dana.whitfield.${RUN}@gmail.com> wrote:\n> My mixer broke.\n'), '7bit',
     conv='T11', must=['retailer told me to contact you directly', 'stopped working after 3 weeks'], mustnot=['please contact the manufacturer', 'Forwarded message'])

# ---- Machine mail that answers no case -----------------------------------------------------------------------------
ct, body = multipart('report; report-type=delivery-status', 'dsn-${RUN}', [
    part('text/plain; charset=us-ascii', text('This is the mail system at host mx.bakkerij-${RUN}.example.nl.\n\nI\'m sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<oud.adres.${RUN}@bakkerij-${RUN}.example.nl>: host said: 550 5.1.1 User unknown\n')),
    part('message/delivery-status', text('Reporting-MTA: dns; mx.bakkerij-${RUN}.example.nl\n\nFinal-Recipient: rfc822; oud.adres.${RUN}@bakkerij-${RUN}.example.nl\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n')),
    part('text/rfc822-headers', text('From: Omnicase Support <${SUPPORT}>\nTo: oud.adres.${RUN}@bakkerij-${RUN}.example.nl\nSubject: Re: Factuur\nMessage-ID: <not-ours-${RUN}@omnicase.local>\n'))])
mail('m-1-postfix-dsn', [('From', 'MAILER-DAEMON@mx.bakkerij-${RUN}.example.nl (Mail Delivery System)'), ('To', SUP),
     ('Subject', 'Undelivered Mail Returned to Sender'), ('Date', 'Fri, 4 Dec 2026 09:13:00 +0100'), ('Message-ID', '<dsn-${RUN}-1@mx.bakkerij-${RUN}.example.nl>'),
     ('Auto-Submitted', 'auto-replied')], ct, body, conv='log', kind='bounce')
mail('m-2-mailman-list-post', [('From', 'Rui Costa <rui.costa.${RUN}@lists-user-${RUN}.example.pt>'), ('To', 'omnicase-users@lists-${RUN}.example.org'),
     ('Cc', SUP), ('Subject', 'Re: [omnicase-users] Webhook retries after a 503'), ('Date', 'Fri, 4 Dec 2026 13:00:00 +0000'),
     ('Message-ID', '<list-${RUN}-2@lists-user-${RUN}.example.pt>'), ('List-Id', 'Omnicase users <omnicase-users.lists-${RUN}.example.org>'),
     ('List-Unsubscribe', '<mailto:omnicase-users-leave@lists-${RUN}.example.org>'), ('List-Post', '<mailto:omnicase-users@lists-${RUN}.example.org>'),
     ('Precedence', 'list')], 'text/plain; charset=utf-8', text('Em qui., 3/12/2026 às 18:00, alguém escreveu:\n> retries?\n\nThey back off exponentially.\n'), '8bit',
     conv='log', kind='auto')
mail('m-3-no-reply-password-changed', [('From', 'Accounts <no-reply@accounts-${RUN}.example.com>'), ('To', SUP),
     ('Subject', 'Your password was changed'), ('Date', 'Fri, 4 Dec 2026 13:10:00 +0000'), ('Message-ID', '<noreply-${RUN}-3@accounts-${RUN}.example.com>')],
     'text/html; charset=utf-8', text('<p>The password of your account was changed. If this was not you, reset it.</p>'), '8bit', conv='log', kind='auto')

with open(os.path.join(OUT, 'set.csv'), 'w', encoding='utf-8') as f:
    f.write('file,kind,conversation,rule,must,mustnot\n')
    for r in rows:
        f.write(','.join(r) + '\n')
print(len([r for r in rows if not r[0].startswith('@')]), 'mails')
