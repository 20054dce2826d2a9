#include "ui/connectionwizard.h"

#include "core/async.h"
#include "secrets/credentialstore.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Casefile {

namespace {
// The gateway log fields the investigations read (contracts/log-schema.md), in the order
// the preview query selects them.
const QStringList MappedFields = {u"ts"_s,         u"org_id"_s,        u"route"_s,
                                  u"provider"_s,   u"model"_s,         u"status"_s,
                                  u"latency_ms"_s, u"prompt_tokens"_s, u"completion_tokens"_s};

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}
} // namespace

const QList<SystemKind> &supportedSystems()
{
    static const QList<SystemKind> kinds = {
        {u"helpdesk"_s, u"zendesk"_s, ConnectionWizard::tr("Helpdesk (Zendesk)"),
         u"https://acme.zendesk.com"_s, true, true},
        {u"clickhouse"_s, u"clickhouse"_s, ConnectionWizard::tr("Gateway logs (ClickHouse)"),
         u"https://logs.example.com:8443"_s, true, true},
        {u"github"_s, u"github"_s, ConnectionWizard::tr("Deploys and releases (GitHub)"),
         u"https://api.github.com"_s, false, true},
        {u"linear"_s, u"linear"_s, ConnectionWizard::tr("Issues (Linear)"),
         u"https://api.linear.app"_s, false, true},
        {u"jira"_s, u"jira"_s, ConnectionWizard::tr("Issues (Jira)"),
         u"https://acme.atlassian.net"_s, true, true},
        {u"stripe"_s, u"stripe"_s, ConnectionWizard::tr("Billing (Stripe)"),
         u"https://api.stripe.com"_s, false, true},
        {u"statuspage"_s, u"statuspage"_s, ConnectionWizard::tr("Provider status pages"),
         u"https://status.openai.com"_s, false, false},
        {u"pagerduty"_s, u"pagerduty"_s, ConnectionWizard::tr("Incidents (PagerDuty)"),
         u"https://api.pagerduty.com"_s, false, true},
        {u"docs"_s, u"docs"_s, ConnectionWizard::tr("Product documentation"),
         u"https://docs.example.com"_s, false, false},
        {u"gateway"_s, u"portkey"_s, ConnectionWizard::tr("Gateway configs (Portkey)"),
         u"https://api.portkey.ai"_s, false, true},
        {u"llm"_s, u"openai"_s, ConnectionWizard::tr("Language model (OpenAI-compatible)"),
         u"https://api.openai.com/v1"_s, false, true},
    };
    return kinds;
}

ConnectionWizard::ConnectionWizard(QWidget *parent)
    : QWizard(parent)
{
    setWindowTitle(tr("Connect your systems"));
    setOption(QWizard::NoBackButtonOnStartPage);
    addPage(makeSystemsPage());
    addPage(makeDetailsPage());
    addPage(makeSummaryPage());
    resize(760, 620);
}

QWizardPage *ConnectionWizard::makeSystemsPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Your workspace"));
    page->setSubTitle(tr("Name the workspace and choose the systems Casefile may read."));
    m_name = new QLineEdit(tr("My workspace"), page);
    m_path = new QLineEdit(page);
    m_path->setText(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                        .filePath(u"workspace.json"_s));
    auto *browse = new QPushButton(tr("&Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the profile as"),
                                                          m_path->text(), tr("Profiles (*.json)"));
        if (!path.isEmpty())
            m_path->setText(path.endsWith(".json"_L1) ? path : path + u".json"_s);
    });
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Profile &file:"), pathRow);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(plainLabel(tr("Casefile only reads from these systems, except the helpdesk, "
                                    "where it posts the replies you send. Tokens and passwords "
                                    "go to the operating system's keychain; the profile file "
                                    "only names them."),
                                 page));
    for (const SystemKind &kind : supportedSystems()) {
        auto *box = new QCheckBox(kind.title, page);
        box->setChecked(kind.system == "helpdesk"_L1 || kind.system == "clickhouse"_L1);
        m_choices.insert(kind.system, box);
        layout->addWidget(box);
    }
    layout->addStretch(1);
    return page;
}

QWizardPage *ConnectionWizard::makeDetailsPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Connection details"));
    page->setSubTitle(tr("Per system: where it is, who Casefile signs in as and its options."));
    m_tabs = new QTabWidget(page);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_tabs);
    connect(this, &QWizard::currentIdChanged, this, [this, page] {
        if (currentPage() == page)
            buildForms();
    });
    return page;
}

QWizardPage *ConnectionWizard::makeSummaryPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Test and save"));
    page->setSubTitle(tr("Finish opens the Connections dialog: test each connection there, "
                         "then Save. Secrets are stored in the keychain, never in the file."));
    m_summary = new QPlainTextEdit(page);
    m_summary->setReadOnly(true);
    m_summary->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(plainLabel(tr("The profile that will be saved:"), page));
    layout->addWidget(m_summary, 1);
    connect(this, &QWizard::currentIdChanged, this, [this, page] {
        if (currentPage() == page)
            m_summary->setPlainText(QString::fromUtf8(
                QJsonDocument(profileToJson(profile())).toJson(QJsonDocument::Indented)));
    });
    page->setFinalPage(true);
    return page;
}

QStringList ConnectionWizard::chosenSystems() const
{
    QStringList out;
    for (const SystemKind &kind : supportedSystems()) {
        if (m_choices.value(kind.system)->isChecked())
            out << kind.system;
    }
    return out;
}

void ConnectionWizard::buildForms()
{
    // Forms already typed into are kept; systems no longer chosen drop their tab.
    const QStringList chosen = chosenSystems();
    for (const SystemKind &kind : supportedSystems()) {
        const bool has = m_forms.contains(kind.system);
        if (chosen.contains(kind.system) && !has) {
            m_tabs->addTab(makeForm(kind), kind.title);
        } else if (!chosen.contains(kind.system) && has) {
            for (int i = 0; i < m_tabs->count(); ++i) {
                if (m_tabs->widget(i)->objectName() == kind.system) {
                    QWidget *w = m_tabs->widget(i);
                    m_tabs->removeTab(i);
                    w->deleteLater();
                    break;
                }
            }
            m_forms.remove(kind.system);
            if (kind.system == "clickhouse"_L1) {
                m_mapping = nullptr;
                m_preview = nullptr;
                m_runPreview = nullptr;
                m_previewStatus = nullptr;
                m_previewRows = nullptr;
            }
        }
    }
}

QWidget *ConnectionWizard::makeForm(const SystemKind &kind)
{
    auto *widget = new QWidget(m_tabs);
    widget->setObjectName(kind.system);
    auto *form = new QFormLayout(widget);
    Form f;
    f.url = new QLineEdit(widget);
    f.url->setPlaceholderText(kind.urlExample);
    form->addRow(tr("&URL:"), f.url);
    if (kind.account) {
        f.account = new QLineEdit(widget);
        form->addRow(tr("&Account:"), f.account);
    }
    if (kind.secret) {
        f.secret = new QLineEdit(widget);
        f.secret->setEchoMode(QLineEdit::Password);
        f.secret->setPlaceholderText(tr("Stored in the OS keychain"));
        form->addRow(tr("&Token or password:"), f.secret);
    }
    const auto option = [&](const QString &key, const QString &label, const QString &hint) {
        auto *edit = new QLineEdit(widget);
        edit->setPlaceholderText(hint);
        f.options.insert(key, edit);
        form->addRow(label, edit);
        return edit;
    };
    if (kind.system == "github"_L1)
        option(u"repo"_s, tr("&Repository:"), u"owner/name"_s);
    if (kind.system == "stripe"_L1) {
        option(u"meter"_s, tr("&Meter:"), u"llm_tokens"_s);
        option(u"customer_metadata_key"_s, tr("Customer &metadata key:"), u"org_id"_s);
    }
    if (kind.system == "llm"_L1)
        option(u"model"_s, tr("&Model:"), u"gpt-4o-mini"_s);
    if (kind.system == "statuspage"_L1)
        option(u"pages"_s, tr("&Pages:"), u"openai=https://status.openai.com, …"_s);
    if (kind.system == "clickhouse"_L1) {
        option(u"database"_s, tr("&Database:"), u"default"_s);
        const auto update = [this] {
            updatePreview();
        };
        connect(option(u"gateway_requests"_s, tr("&Requests table:"), u"gateway_requests"_s),
                &QLineEdit::textChanged, this, update);
        option(u"webhook_deliveries"_s, tr("&Webhooks table:"), u"webhook_deliveries"_s);
        connect(f.options.value(u"database"_s), &QLineEdit::textChanged, this, update);
        m_mapping = new QTableWidget(int(MappedFields.size()), 2, widget);
        m_mapping->setHorizontalHeaderLabels({tr("Field"), tr("Your column or expression")});
        m_mapping->horizontalHeader()->setStretchLastSection(true);
        m_mapping->verticalHeader()->hide();
        m_mapping->setTabKeyNavigation(false);
        for (int row = 0; row < MappedFields.size(); ++row) {
            auto *name = new QTableWidgetItem(MappedFields.at(row));
            name->setFlags(Qt::ItemIsEnabled);
            m_mapping->setItem(row, 0, name);
            m_mapping->setItem(row, 1, new QTableWidgetItem(MappedFields.at(row)));
        }
        connect(m_mapping, &QTableWidget::itemChanged, this, update);
        form->addRow(tr("Column &mapping:"), m_mapping);
        m_preview = new QPlainTextEdit(widget);
        m_preview->setReadOnly(true);
        m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_preview->setMaximumHeight(m_preview->fontMetrics().height() * 6);
        form->addRow(tr("Preview query:"), m_preview);
        m_runPreview = new QPushButton(tr("Run &preview"), widget);
        m_runPreview->setToolTip(tr("Read five rows through this mapping (read-only)"));
        m_runPreview->setEnabled(bool(m_previewFunction));
        connect(m_runPreview, &QPushButton::clicked, this, &ConnectionWizard::runPreview);
        m_previewStatus = plainLabel(QString(), widget);
        m_previewStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *run = new QHBoxLayout;
        run->addWidget(m_runPreview);
        run->addWidget(m_previewStatus, 1);
        form->addRow(QString(), run);
        m_previewRows = new QTableWidget(widget);
        m_previewRows->setAccessibleName(tr("Preview rows"));
        m_previewRows->setEditTriggers(QAbstractItemView::NoEditTriggers);
        m_previewRows->setTabKeyNavigation(false);
        m_previewRows->verticalHeader()->hide();
        m_previewRows->setMinimumHeight(m_previewRows->fontMetrics().height() * 8);
        m_previewRows->hide();
        form->addRow(m_previewRows);
    }
    m_forms.insert(kind.system, f);
    if (kind.system == "clickhouse"_L1)
        updatePreview();
    return widget;
}

void ConnectionWizard::setPreviewFunction(PreviewFunction preview)
{
    m_previewFunction = std::move(preview);
    if (m_runPreview)
        m_runPreview->setEnabled(bool(m_previewFunction));
}

void ConnectionWizard::runPreview()
{
    if (!m_previewFunction || !m_previewRows)
        return;
    const ConnectionSettings connection = profile().connections.value(u"clickhouse"_s);
    const QString secret = secrets().value(u"clickhouse"_s);
    const QStringList fields = MappedFields;
    const quint64 generation = ++m_previewGeneration;
    m_runPreview->setEnabled(false);
    m_previewStatus->setText(tr("Reading five rows…"));
    // Guarded by the ClickHouse form: a tab removed meanwhile drops the answer.
    runAsync(
        m_previewRows->parentWidget(),
        [preview = m_previewFunction, connection, secret, fields] {
            return preview(connection, secret, fields);
        },
        [this, generation](Result<TablePreview> result) {
            if (generation != m_previewGeneration || !m_previewRows)
                return;
            m_runPreview->setEnabled(true);
            m_previewRows->clear();
            if (!result) {
                m_previewRows->setRowCount(0);
                m_previewRows->hide();
                m_previewStatus->setText(tr("The preview failed: %1").arg(result.error().message));
                emit previewFinished(false);
                return;
            }
            m_previewRows->setColumnCount(int(result->columns.size()));
            m_previewRows->setHorizontalHeaderLabels(result->columns);
            m_previewRows->setRowCount(int(result->rows.size()));
            for (int row = 0; row < result->rows.size(); ++row) {
                const QStringList &cells = result->rows.at(row);
                for (int column = 0; column < cells.size(); ++column) {
                    // Plain items: whatever the log holds stays text.
                    m_previewRows->setItem(row, column, new QTableWidgetItem(cells.at(column)));
                }
            }
            m_previewRows->resizeColumnsToContents();
            m_preview->setPlainText(result->query); // what ran, as it ran
            m_previewRows->show();
            const qsizetype n = result->rows.size();
            m_previewStatus->setText(n == 0   ? tr("The query ran; the table has no rows yet.")
                                     : n == 1 ? tr("1 row read through this mapping.")
                                              : tr("%1 rows read through this mapping.").arg(n));
            emit previewFinished(true);
        });
}

QString ConnectionWizard::previewStatus() const
{
    return m_previewStatus ? m_previewStatus->text() : QString();
}

void ConnectionWizard::updatePreview()
{
    if (m_preview)
        m_preview->setPlainText(previewQuery());
}

QString ConnectionWizard::previewQuery() const
{
    if (!m_forms.contains(u"clickhouse"_s))
        return {};
    const Form &f = m_forms[u"clickhouse"_s];
    QString table = f.options.value(u"gateway_requests"_s)->text().trimmed();
    if (table.isEmpty())
        table = u"gateway_requests"_s;
    const QString database = f.options.value(u"database"_s)->text().trimmed();
    if (!database.isEmpty() && !table.contains(u'.'))
        table = database + u'.' + table;
    QStringList columns;
    for (int row = 0; m_mapping && row < m_mapping->rowCount(); ++row) {
        const QString field = m_mapping->item(row, 0)->text();
        const QString column =
            m_mapping->item(row, 1) ? m_mapping->item(row, 1)->text().trimmed() : QString();
        columns << (column.isEmpty() || column == field ? field : column + u" AS "_s + field);
    }
    return u"SELECT "_s + columns.join(u",\n       "_s) + u"\nFROM "_s + table + u"\nLIMIT 5"_s;
}

WorkspaceProfile ConnectionWizard::profile() const
{
    WorkspaceProfile p;
    p.name = m_name->text().trimmed();
    p.path = m_path->text().trimmed();
    for (const SystemKind &kind : supportedSystems()) {
        if (!m_forms.contains(kind.system) || !m_choices.value(kind.system)->isChecked())
            continue;
        const Form &f = m_forms[kind.system];
        ConnectionSettings c;
        c.system = kind.system;
        c.type = kind.type;
        c.url = f.url->text().trimmed();
        if (f.account)
            c.account = f.account->text().trimmed();
        if (f.secret) {
            c.secret.where = SecretRef::Where::Keychain;
            c.secret.name = CredentialStore::keyFor(p.name, kind.system);
        }
        QJsonObject mapping;
        for (auto it = f.options.cbegin(); it != f.options.cend(); ++it) {
            const QString value = it.value()->text().trimmed();
            if (value.isEmpty())
                continue;
            if (it.key() == "gateway_requests"_L1 || it.key() == "webhook_deliveries"_L1) {
                mapping.insert(it.key(), value);
            } else if (it.key() == "pages"_L1) {
                QJsonObject pages;
                for (const QString &pair : value.split(u',', Qt::SkipEmptyParts))
                    pages.insert(pair.section(u'=', 0, 0).trimmed(),
                                 pair.section(u'=', 1).trimmed());
                c.options.insert(it.key(), pages);
            } else {
                c.options.insert(it.key(), value);
            }
        }
        for (int row = 0;
             kind.system == "clickhouse"_L1 && m_mapping && row < m_mapping->rowCount(); ++row) {
            const QString field = m_mapping->item(row, 0)->text();
            const QString column = m_mapping->item(row, 1)->text().trimmed();
            if (!column.isEmpty() && column != field)
                mapping.insert(field, column);
        }
        if (!mapping.isEmpty())
            c.options.insert(u"mapping"_s, mapping);
        p.connections.insert(kind.system, c);
    }
    return p;
}

QMap<QString, QString> ConnectionWizard::secrets() const
{
    QMap<QString, QString> out;
    for (auto it = m_forms.cbegin(); it != m_forms.cend(); ++it) {
        if (it->secret && !it->secret->text().isEmpty())
            out.insert(it.key(), it->secret->text());
    }
    return out;
}

void ConnectionWizard::setWorkspace(const QString &name, const QString &path)
{
    m_name->setText(name);
    m_path->setText(path);
}

void ConnectionWizard::setSystemChosen(const QString &system, bool chosen)
{
    if (QCheckBox *box = m_choices.value(system))
        box->setChecked(chosen);
    buildForms();
}

void ConnectionWizard::setValue(const QString &system, const QString &field, const QString &value)
{
    buildForms();
    if (!m_forms.contains(system))
        return;
    Form &f = m_forms[system];
    QLineEdit *edit = field == "url"_L1       ? f.url
                      : field == "account"_L1 ? f.account
                      : field == "secret"_L1  ? f.secret
                                              : f.options.value(field);
    if (edit)
        edit->setText(value);
}

void ConnectionWizard::setMapping(const QString &logicalField, const QString &column)
{
    buildForms();
    for (int row = 0; m_mapping && row < m_mapping->rowCount(); ++row) {
        if (m_mapping->item(row, 0)->text() == logicalField)
            m_mapping->item(row, 1)->setText(column);
    }
}

} // namespace Casefile
