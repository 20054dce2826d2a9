#include "core/engine/lexicon.h"

#include "core/engine/textnormalizer.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Casefile::Lexicon {

namespace {

struct Spec
{
    const char16_t *id;
    Kind kind;
    const char16_t *playbooks; // "name weight|name weight"
    const char16_t *en;
    const char16_t *es;
    const char16_t *pt;
    const char16_t *de;
    const char16_t *fr;
    const char16_t *ja;
};

// The concept table. Weights: a concept that names a pattern (4-5), a strong hint (2-3), a
// shared or weak hint (0.3-1.5). Keep terms to concepts (one or two words); never a sentence
// from a ticket.
const Spec Specs[] = {
    {u"slowness", Kind::Symptom, u"latency-spike 3",
     u"slow|sluggish|laggy|=lag|=lags|latenc|takes forever|taking forever|took forever|crawl|"
     u"=p50|=p90|=p95|=p99|ttft|first token|response time|snappy|hangs|hanging",
     u"lent|lentitud|latenc|tarda|tardan|demora|primer token|tiempo respuesta",
     u"lent|lentid|latenc|demor|primeiro token|tempo resposta",
     u"langsam|latenz|trage|ewig|verzogerung|ersten token|antwortzeit",
     u"=lent|=lente|=lents|=lentes|lenteur|latenc|=rame|traine|eternite|premier token|"
     u"temps reponse",
     u"遅|レイテンシ|重い|時間がかか|秒かか|応答時間"},
    {u"timeout", Kind::Symptom, u"latency-spike 1|fallback 1|webhook-failures 0.3",
     u"timeout|timed out|times out|time out|timing out|=408", u"=timeout|tiempo espera|se agota",
     u"=timeout|tempo esgotado", u"=timeout|zeituberschreitung",
     u"=timeout|delai attente|delai depasse", u"タイムアウト"},
    {u"degradation", Kind::Symptom, u"latency-spike 1.2", u"doubled|tripled|spike|spiking|degrad",
     u"duplicad|triplic|degrad", u"dobrou|triplic|degrad", u"verdoppelt|verdreifacht|degradiert",
     u"a double|a triple|degrad", u"倍|劣化"},
    {u"failure", Kind::Symptom, u"api-errors 1.5|provider-routing 0.5|webhook-failures 0.3",
     u"error|erroring|=fail|=fails|=failed|failing|failure|broken|=broke|not working|"
     u"doesnt work|dont work|stopped working|isnt working|exception|crash|=down|outage",
     u"error|=falla|=fallan|=fallo|=fallos|fallando|no funciona|caida|caido",
     u"erro|=falha|=falham|=falhas|falhando|nao funciona|caiu|fora ar",
     u"fehler|fehlschl|schlagt fehl|schlagen fehl|scheiter|kaputt|funktioniert nicht|"
     u"ausgefallen|ausfall|geht nicht|=down",
     u"erreur|echec|echou|ne fonctionne|ne marche|en panne|=panne|plante",
     u"エラー|失敗|動かない|落ちて|障害"},
    // The failure words that name a service down, an outage: beside slowness, the provider's
    // incident the customer reads the slowness as (their theory), not a failure of their own
    // requests. A marker only: the words weigh as failures.
    {u"outage", Kind::Symptom, u"", u"=down|outage", u"caida|caido", u"caiu|fora ar",
     u"ausgefallen|ausfall|=down", u"en panne|=panne", u"落ちて|障害"},
    {u"server-status", Kind::Symptom, u"api-errors 2",
     u"=500|=500s|=502|=502s|=503|=503s|=504|=520|=522|=524|5xx|internal server|bad gateway|"
     u"service unavailable|gateway timeout|upstream connect|server error",
     u"", u"", u"=500er|=502er|=503er", u"", u""},
    {u"client-status", Kind::Symptom, u"api-errors 1.5",
     u"=400|=401|=403|=408|=422|unauthorized|forbidden|=invalid|authenticat", u"autenticacion",
     u"autenticacao", u"authentifizierung", u"authentification", u"認証"},
    {u"rate-limited", Kind::Symptom, u"api-errors 3",
     u"=429|=429s|many requests|rate limited|ratelimited|throttl|hitting rate|"
     u"quota exceeded",
     u"", u"", u"=429er", u"", u""},
    {u"rate-limit", Kind::Topic, u"api-errors 0.5", u"rate limit|ratelimit", u"", u"",
     u"ratenlimit", u"", u"レート制限"},
    // A provider out of capacity fails for everyone on it: the api-errors checks (status
    // pages, other orgs on the provider), not one org's routing.
    {u"overloaded", Kind::Symptom, u"api-errors 3|provider-routing 0.3",
     u"=529|=529s|overload|at capacity|over capacity|capacity exceeded|insufficient capacity|"
     u"capacity error",
     u"sobrecarg|sin capacidad|capacidad insuficiente|capacidad excedida",
     u"sobrecarreg|sobrecarga|sem capacidade|capacidade insuficiente|capacidade excedida",
     u"uberlast|kapazitat erschopft|keine kapazitat|kapazitatsgrenze",
     u"surcharg|capacite insuffisante|capacite depassee|capacite atteinte",
     u"過負荷|混雑|容量不足|キャパシティ"},
    // The model or deployment asked for does not exist (any more): a config or routing
    // matter (which configs still name it), not a generic error.
    {u"model-gone", Kind::Symptom, u"provider-routing 3|api-errors 0.5",
     u"=404|=404s|not found|notfound|deprecat|retired|retiring|decommission|=sunset|sunsetted|"
     u"discontinued|end of life|=eol|doesnt exist|not exist",
     u"no encontrado|obsolet|retirad|descontinuad|dado de baja|ya no existe|no existe",
     u"nao encontrado|obsolet|descontinuad|aposentad|desativad|nao existe|deixou de existir",
     u"nicht gefunden|veraltet|abgekundigt|abgeschaltet|existiert nicht|"
     u"gibt es nicht",
     u"introuvable|non trouve|obsolete|deprecie|=retire|=retiree|=retires|=retirees|decommission|"
     u"n existe plus|n existe pas",
     u"廃止|非推奨|提供終了|存在しない|見つから"},
    {u"webhook", Kind::Topic, u"webhook-failures 4", u"webhook|web hook|callback|call back", u"",
     u"", u"", u"", u"ウェブフック|コールバック"},
    // What a webhook is to many customers: a notification or event posted to their URL.
    {u"notification", Kind::Topic, u"webhook-failures 3", u"notification|=notify", u"notificacion",
     u"notificac", u"benachrichtigung", u"notification", u"通知"},
    {u"delivery", Kind::Topic, u"webhook-failures 1.5",
     u"deliver|receiver|=hook|=hooks|signature|hmac|=tls|certificate|handshake",
     u"entrega|receptor|firma|certificado", u"entrega|receptor|assinatura|certificado",
     u"zustell|empfanger|signatur|zertifikat", u"livraison|livr|recepteur|signature|certificat",
     u"配信|受信|署名|証明書"},
    {u"received", Kind::Event, u"webhook-failures 1.5", u"receiv|arriv|=get|=getting|=got|come in",
     u"recib|llega|llegan|llego", u"receb|chega|chegam|chegou",
     u"erhalt|empfang|bekommen|ankomm|kommt an|kommen an",
     u"recev|recoi|=recu|=recus|=recue|arriv|parvien", u"届|受信"},
    {u"routing", Kind::Topic, u"provider-routing 2|fallback 0.3",
     u"routing|=routed|route to|routes to|provider not|deploymentnotfound|"
     u"accessdenied|access denied",
     u"enrut|proveedor no", u"rotead|roteament|roteia|provedor nao", u"routing|geroutet",
     u"routage|route vers|routes vers|fournisseur non", u"ルーティング"},
    // Sharing requests between targets by weight (a loadbalance strategy): which provider
    // answers is a routing matter, not a failover.
    {u"loadbalance", Kind::Topic, u"provider-routing 2",
     u"loadbalanc|load balanc|load-balanc|=weights|=weighted|traffic split",
     u"balanceo|balanceador|reparto de carga|ponderad", u"balanceament|balanceador|ponderad",
     u"loadbalanc|lastverteil|lastausgleich|gewichtung|gewichte",
     u"equilibrage|repartition de charge|=poids|pondere", u"ロードバランス|負荷分散|重み"},
    {u"provider", Kind::Topic, u"provider-routing 0.7", u"provider", u"proveedor", u"provedor",
     u"anbieter", u"fournisseur", u"プロバイダ"},
    {u"config", Kind::Topic, u"provider-routing 0.3|fallback 0.3", u"config", u"configuracion",
     u"configuracao", u"konfiguration", u"configuration", u"設定"},
    {u"fallback", Kind::Topic, u"fallback 5",
     u"fallback|fall back|falls back|falling back|failover|fail over|backup model|"
     u"backup provider|falback",
     u"respaldo|modelo alternativo",
     // "reserva" alone is a booking in Spanish and Portuguese: a reserve model or provider
     u"modelo reserva|modelo de reserva|provedor reserva|provedor de reserva|modelo alternativo",
     u"ausweich|ersatzmodell", u"=repli|=secours|de secours",
     u"フォールバック|フェイルオーバー|予備"},
    {u"switch", Kind::Topic, u"fallback 1.5",
     u"switch|swap|instead of|rather than|secondary|primary|second target|=chain|=backup|"
     u"=backups",
     u"conmut|cambio modelo|"
     u"en lugar|en vez|secundari|principal|cadena|segundo destino|modelo de reserva|"
     u"proveedor de reserva",
     u"troca|trocou|em vez|secundari|principal|cadeia|segundo destino",
     u"umschalt|umgeschaltet|gewechselt|wechsel|zweitmodell|primar|kette|zweites ziel|=statt|"
     u"anstatt|anstelle",
     u"bascul|au lieu|secondaire|principal|chaine|deuxieme cible|plutot que",
     u"切り替|セカンダリ|プライマリ|チェーン|ではなく|代わりに"},
    // Who answered: "answered by", "served by", "came from". With two models named it is a
    // request served by another target than the one configured (core/engine/classifier.cpp).
    {u"served", Kind::Topic, u"fallback 0.5",
     u"answered by|served by|generated by|produced by|handled by|responded by|came from|"
     u"answering|=answered",
     u"respondid|generad|producid|atendid|vinieron de|venian de|contestad",
     u"respondid|gerad|produzid|atendid|vieram do|vieram de|vinham do",
     u"beantwortet|generiert|erzeugt|bedient|kamen vom|kamen von|stammten",
     u"produite par|produites par|produit par|servie par|servies par|generee|generees|"
     u"repondu par|venaient de",
     u"回答|生成され|応答して|返答"},
    {u"model-swap", Kind::Symptom, u"fallback 2.5",
     u"different model|another model|wrong model|other model", u"otro modelo", u"outro modelo",
     u"anderes modell|andere modell", u"autre modele", u"別モデル"},
    {u"unexpected", Kind::Symptom, u"fallback 0.5",
     u"unexpected|no reason|unexplained|didnt ask|did not ask|never asked",
     u"sin motivo|sin razon|"
     u"inesperad",
     u"sem motivo|sem razao|inesperad", u"ohne grund|unerwartet",
     u"sans raison|inattendu|inexplique", u"理由なく|意図しない|予期しない|勝手に"},
    {u"billing", Kind::Topic, u"token-billing 4",
     u"invoic|=bill|=bills|billed|billing|charged|=charge|=charges|overcharg|stripe|"
     u"overbill",
     u"factura|cobr|=cargo|=cargos", u"fatura|cobr", u"rechnung|abrechn|berechnet|abbuchung",
     u"factur|surfactur|prelevement", u"請求|課金"},
    {u"usage", Kind::Topic, u"token-billing 1.2",
     u"=tokens|token count|usage|cached|caching|pricing", u"=tokens|=uso|consumo|cache|precio",
     u"=tokens|=uso|consumo|cache|preco", u"=tokens|verbrauch|nutzung|cache|preis",
     u"=tokens|usage|consommation|cache|tarif", u"トークン|使用量|利用量|キャッシュ|料金"},
    {u"mismatch", Kind::Symptom, u"token-billing 2|metadata 0.2",
     u"mismatch|dont match|doesnt match|not match|discrepanc|higher than|more than|"
     u"=difference|too high|way more|more tokens|overcharg|reconcil|lower than|less than|"
     u"fewer than|too low|way less|fewer tokens|undercharg|underbill|above what|above our|"
     u"below what|below our|counted twice|double count|billed twice|charged twice",
     u"no coincide|discrepanc|diferencia|mas alta|de mas|mas tokens|conciliar|mas baja|"
     u"mas bajo|menos que|menos tokens|demasiado bajo|por encima|por debajo|contado dos veces|"
     u"cobrado dos veces|doble conteo|cobro doble",
     u"nao bate|divergen|diferenca|mais alta|a mais|mais tokens|mais que|conciliar|"
     u"mais baixa|mais baixo|menos que|menos tokens|a menos|acima do|acima da|abaixo do|"
     u"abaixo da|contado duas vezes|cobrado duas vezes|"
     u"contagem dupla|cobranca dupla",
     u"stimmt nicht|passt nicht|abweich|hoher|zu viel|mehr als|deutlich mehr|abgleich|"
     u"niedriger|weniger als|zu wenig|deutlich weniger|liegt uber|liegt unter|doppelt berechnet|"
     u"doppelt abgerechnet|doppelt gezahlt",
     u"ne correspond|ecart|incoheren|plus elevee|trop eleve|plus tokens|nettement plus|"
     u"rapprocher|plus basse|plus bas|moins que|moins tokens|trop bas|nettement moins|"
     u"au dessus|en dessous|compte deux fois|facture deux fois|"
     u"double comptage",
     u"一致しない|一致しません|合わない|合いません|差異|不一致|高い|より多|多くな|照合|低い|"
     u"より少な|"
     u"少なくな|上回|下回|二重計上|二重請求"},
    {u"metering", Kind::Topic, u"token-billing 1.5", u"metering|=meter|=meters", u"medicion",
     u"medicao", u"messung|metering", u"mesure|comptage", u"計測|メータ"},
    {u"problem", Kind::Change, u"", u"problem|=issue|=issues|=bug|=bugs", u"problema", u"problema",
     u"problem|=bug", u"probleme|souci|=bug", u"問題|不具合"},
    {u"metadata", Kind::Topic, u"metadata 5", u"metadata|meta data|metdata|metadta", u"metadatos",
     u"metadados", u"metadaten", u"metadonnees", u"メタデータ"},
    {u"headers", Kind::Topic, u"metadata 1.5", u"header|trace id|custom field|attribution",
     u"cabecera|encabezado|atribucion", u"cabecalho|atribuicao", u"header|zuordnung",
     u"en tete|imputation", u"ヘッダー"},
    {u"dropped", Kind::Symptom, u"metadata 1.5|webhook-failures 0.2",
     u"dropped|dropping|stripped|missing|=lost|disappear|=gone|=empty|=blank|truncat|"
     u"cut off|no data|no results|zero results|no rows|no entries",
     u"perdid|vacio|vacia|desaparec|truncad|cortad|se pierde|sin datos|sin resultados|"
     u"ningun resultado|ningun dato",
     u"perdid|vazio|vazia|sumiu|sumir|truncad|cortad|sem dados|sem resultados|"
     u"nenhum resultado|nenhum dado",
     u"verloren|=leer|verschwunden|"
     u"abgeschnitten|fehlen|keine daten|keine ergebnisse|keine eintrage",
     u"perdu|=vide|=vides|disparu|tronqu|manquant|aucune donnee|aucun resultat|pas donnees|"
     u"pas resultat",
     u"消え|空|欠落|切れ|0件|ゼロ件"},
    // What a query, a filter or a page gives back; absent ("returns nothing", "doesn't show
    // up", "liefert nichts", "何も出てこない"), it is missing data.
    {u"results", Kind::Event, u"metadata 0.8",
     u"=return|=returns|=returned|=returning|show up|shows up|comes back|come back|came back|"
     u"=shows|=appear|=appears|=appeared",
     u"devuelve|devuelven|devolvio|aparece|aparecen|=muestra|=muestran",
     u"retorna|retornam|retornou|aparece|aparecem|=mostra|=mostram",
     u"liefert|=liefern|erscheint|erscheinen|angezeigt|=zeigt",
     u"renvoie|renvoient|retourne|apparai|=affiche|=affichee",
     u"表示され|出てこ|出てき|返って|返ら"},
    {u"forwarded", Kind::Event, u"metadata 1.5",
     u"forward|passed through|pass through|passed to|reach", u"reenv|llegan al",
     u"repassad|chegam no", u"weitergeleitet|weitergegeben", u"transmis|parviennent", u"転送|渡"},
    // A mechanism that sets off ("the fallback triggered", "kicked in", "se activó",
    // "disparou", "greift", "s'est déclenché", "作動"); negated, a fallback that did not.
    {u"triggered", Kind::Event, u"fallback 1",
     u"trigger|kick in|kicks in|kicked in|kicking in|=fire|=fired|=fires|activat",
     u"=activo|=activa|se activo|se activa|dispar", u"dispar|acion|=ativou|ativado",
     u"ausgelost|greift|gegriffen|springt an", u"declench|enclench", u"作動|発動"},
    {u"sdk", Kind::Topic, u"metadata 0.5", u"=sdk", u"=sdk", u"=sdk", u"=sdk", u"=sdk", u"SDK"},
    {u"change", Kind::Change, u"",
     u"since|suddenly|today|this morning|yesterday|last night|anymore|no longer|started|"
     u"stopped|again",
     u"desde|de repente|=hoy|ayer|anoche|ya no|esta manana",
     u"desde|de repente|hoje|ontem|nao mais|esta manha",
     u"=seit|plotzlich|heute|gestern|nicht mehr|kein mehr",
     u"depuis|soudain|aujourd hui|ce matin|=hier|ne plus|plus aucun",
     u"本日|今朝|昨日|昨夜|今日|急に|から"},
    {u"works", Kind::Works, u"",
     u"=works|=work|working fine|=fine|goes through|go through|succeed|=ok|normal|perfectly",
     u"funciona|=bien|=normal|perfecto|perfectamente", u"funciona|=ok|=normal|perfeit",
     u"funktioniert|=lauft|=laufen|=geht|"
     u"klappt|problemlos|einwandfrei|perfekt",
     u"fonctionne|=marche|=passe|=passent|parfaitement", u"正常|動いて|動きます|成功|問題なく"},
};

Lang langAt(int i)
{
    static const Lang langs[] = {Lang::En, Lang::Es, Lang::Pt, Lang::De, Lang::Fr, Lang::Ja};
    return langs[i];
}

QList<Concept> parse()
{
    QList<Concept> out;
    for (const Spec &s : Specs) {
        Concept c;
        c.id = QString::fromUtf16(s.id);
        c.kind = s.kind;
        for (const QString &pair :
             QString::fromUtf16(s.playbooks).split(u'|', Qt::SkipEmptyParts)) {
            const QString name = pair.section(u' ', 0, 0);
            c.playbooks.insert(name, pair.section(u' ', 1, 1).toDouble());
        }
        const char16_t *perLang[] = {s.en, s.es, s.pt, s.de, s.fr, s.ja};
        for (int i = 0; i < 6; ++i) {
            for (QString raw : QString::fromUtf16(perLang[i]).split(u'|', Qt::SkipEmptyParts)) {
                Term t;
                t.lang = langAt(i);
                t.wholeWord = raw.startsWith(u'=');
                if (t.wholeWord)
                    raw.remove(0, 1);
                t.folded = foldForMatching(raw).trimmed();
                t.spaceless = t.lang == Lang::Ja && raw.front().unicode() > 0x2000;
                if (!t.spaceless)
                    t.words = t.folded.split(u' ', Qt::SkipEmptyParts);
                if (!t.folded.isEmpty())
                    c.terms.append(t);
            }
        }
        out.append(c);
    }
    return out;
}

bool inSet(const QString &word, const QSet<QString> &set)
{
    return set.contains(word);
}

QSet<QString> setOf(const char16_t *words)
{
    const QStringList list = QString::fromUtf16(words).split(u' ', Qt::SkipEmptyParts);
    return QSet<QString>(list.cbegin(), list.cend());
}

} // namespace

const QList<Concept> &concepts()
{
    static const QList<Concept> all = parse();
    return all;
}

bool isNegationCue(const QString &w)
{
    static const QSet<QString> cues =
        setOf(u"no not never without nothing none isnt arent wasnt werent dont doesnt didnt "
              u"havent hasnt hadnt cant cannot wont zero nor sin ningun ninguna ninguno nunca "
              u"nada ni nao sem nenhum nenhuma nicht kein keine keinen keinem keiner ohne nie "
              u"niemals pas aucun aucune sans jamais ne n rien");
    return inSet(w, cues);
}

bool isContrast(const QString &w)
{
    static const QSet<QString> words =
        setOf(u"but however though although yet pero sino aunque mas porem mas contudo aber "
              u"sondern doch jedoch mais cependant pourtant just only solo only nur juste");
    return inSet(w, words);
}

bool isAdditive(const QString &w)
{
    static const QSet<QString> words = setOf(
        u"too also likewise tambien tambem aussi egalement pareil auch ebenfalls gleichfalls");
    return inSet(w, words);
}

bool saysOccasional(const QStringList &words)
{
    static const QSet<QString> single =
        setOf(u"sometimes occasionally occasional rarely seldom ocasionalmente raramente "
              u"manchmal gelegentlich selten parfois occasionnellement rarement");
    // words that say it only together ("veces" alone does not: "tres veces más lento")
    static const QStringList phrases{
        u" a veces "_s,          u" de vez en cuando "_s,  u" as vezes "_s,
        u" de vez em quando "_s, u" ab und zu "_s,         u" de temps en temps "_s,
        u" de temps a autre "_s, u" from time to time "_s, u" now and then "_s};
    static const QStringList japanese{u"時々"_s, u"ときどき"_s, u"たまに"_s,
                                      u"時折"_s, u"まれに"_s,   u"稀に"_s};
    const QString joined = u' ' + words.join(u' ') + u' ';
    return std::ranges::any_of(words, [](const QString &w) { return inSet(w, single); }) ||
           std::ranges::any_of(phrases, [&](const QString &p) { return joined.contains(p); }) ||
           std::ranges::any_of(japanese, [&](const QString &j) { return joined.contains(j); });
}

bool isHypothetical(const QString &w)
{
    static const QSet<QString> words = setOf(u"if whether happens case si wenn falls caso");
    return inSet(w, words);
}

bool isFirstPerson(const QString &w)
{
    static const QSet<QString> words =
        setOf(u"we our us my i im ive weve were ours nuestro nuestra nuestros nuestras nos "
              u"nosotros mi mis nosso nossa nossos nossas gente wir unser unsere unseren "
              u"unserem unserer uns ich mein meine nous notre nos je mon ma mes on");
    return inSet(w, words);
}

bool isAsideCue(const QString &w)
{
    static const QSet<QString> words =
        setOf(u"unrelated aside apart besides aparte independientemente independentemente "
              u"abgesehen unabhangig independamment");
    return inSet(w, words);
}

bool isQuantity(const QStringList &words, qsizetype at)
{
    // What is counted: things a ticket numbers, never the failures a status code names
    // ("500 errors" stays a status).
    static const QSet<QString> counted = setOf(
        u"key keys request requests call calls user users field fields item items row rows "
        u"entry entries character characters chars value values event events message messages "
        u"ms millisecond milliseconds second seconds secs minute minutes token tokens customer "
        u"customers account accounts project projects "
        u"clave claves llave llaves solicitud solicitudes peticion peticiones llamada llamadas "
        u"usuario usuarios campo campos valor valores evento eventos mensaje mensajes caracter "
        u"caracteres segundo segundos minuto minutos cliente clientes cuenta cuentas "
        u"chave chaves requisicao requisicoes solicitacao solicitacoes chamada chamadas "
        u"mensagem mensagens conta contas "
        u"schlussel anfrage anfragen aufruf aufrufe nutzer benutzer feld felder wert werte "
        u"eintrag eintrage zeichen sekunde sekunden minute minuten kunde kunden konto konten "
        u"cle cles requete requetes appel appels utilisateur utilisateurs champ champs valeur "
        u"valeurs evenement evenements seconde secondes compte comptes");
    // How a count is approximated, before the number (or before "de" and the number).
    static const QSet<QString> approximately =
        setOf(u"about roughly around approximately approx nearly almost circa some "
              u"unos unas aproximadamente casi cerca alrededor uns umas quase "
              u"etwa ungefahr rund knapp fast environ presque pres quelque");
    if (at < 0 || at >= words.size())
        return false;
    if (at + 1 < words.size() && counted.contains(words.at(at + 1)))
        return true;
    if (at > 0 && approximately.contains(words.at(at - 1)))
        return true;
    return at > 1 && words.at(at - 1) == u"de"_s && approximately.contains(words.at(at - 2));
}

bool isWhy(const QString &w)
{
    static const QSet<QString> words = setOf(u"why warum wieso weshalb pourquoi porque");
    return inSet(w, words);
}

QString stem(const QString &w, Lang lang, int minStem)
{
    static const QStringList en{u"ies"_s, u"ing"_s,  u"ed"_s, u"es"_s,
                                u"ly"_s,  u"ness"_s, u"s"_s,  u"e"_s};
    static const QStringList es{u"iones"_s, u"ion"_s,  u"amente"_s, u"mente"_s, u"ando"_s,
                                u"iendo"_s, u"ados"_s, u"adas"_s,   u"ado"_s,   u"ada"_s,
                                u"idos"_s,  u"ido"_s,  u"ida"_s,    u"es"_s,    u"os"_s,
                                u"as"_s,    u"s"_s,    u"o"_s,      u"a"_s,     u"e"_s};
    static const QStringList pt{u"coes"_s, u"cao"_s,  u"mente"_s, u"ando"_s, u"endo"_s,
                                u"ados"_s, u"adas"_s, u"ado"_s,   u"ada"_s,  u"idos"_s,
                                u"ido"_s,  u"ida"_s,  u"es"_s,    u"os"_s,   u"as"_s,
                                u"s"_s,    u"o"_s,    u"a"_s,     u"e"_s};
    static const QStringList de{u"ungen"_s, u"ung"_s, u"en"_s, u"er"_s,
                                u"es"_s,    u"e"_s,   u"s"_s,  u"n"_s};
    static const QStringList fr{u"ements"_s, u"ement"_s, u"ees"_s, u"ee"_s, u"es"_s,
                                u"er"_s,     u"ent"_s,   u"e"_s,   u"s"_s};
    const QStringList *suffixes = lang == Lang::Es   ? &es
                                  : lang == Lang::Pt ? &pt
                                  : lang == Lang::De ? &de
                                  : lang == Lang::Fr ? &fr
                                  : lang == Lang::En ? &en
                                                     : nullptr;
    if (!suffixes)
        return w;
    for (const QString &s : *suffixes) {
        if (w.size() >= s.size() + minStem && w.endsWith(s))
            return w.left(w.size() - s.size());
    }
    return w;
}

QStringList providerFamilies(const QString &folded)
{
    struct Family
    {
        const char16_t *name;
        const char16_t *words;
    };
    static const Family families[] = {
        {u"anthropic", u"claude anthropic sonnet opus haiku"},
        {u"openai", u"gpt openai chatgpt o1 o3 o4"},
        {u"google", u"gemini vertex google"},
        {u"azure-openai", u"azure"},
        {u"bedrock", u"bedrock aws"},
        {u"mistral-ai", u"mistral mixtral"},
        {u"cohere", u"cohere"},
        {u"groq", u"groq llama"},
        {u"deepseek", u"deepseek"},
    };
    // A whole word, or one with a version glued on ("gpt4o", "llama3"): "llama" is a model,
    // "llamadas" is Spanish for calls.
    QStringList out;
    for (const Family &f : families) {
        for (const QString &w : QString::fromUtf16(f.words).split(u' ')) {
            bool named = false;
            for (qsizetype at = folded.indexOf(u' ' + w); at >= 0 && !named;
                 at = folded.indexOf(u' ' + w, at + 1)) {
                qsizetype end = at + 1 + w.size();
                while (end < folded.size() && folded.at(end).isDigit())
                    ++end;
                named = end >= folded.size() || !folded.at(end).isLetter() ||
                        (end > at + 1 + w.size() && folded.at(end).isLetter());
            }
            if (named && !out.contains(QString::fromUtf16(f.name))) {
                out.append(QString::fromUtf16(f.name));
                break;
            }
        }
    }
    return out;
}

} // namespace Casefile::Lexicon
