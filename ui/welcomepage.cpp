#include "ui/welcomepage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Casefile {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Welcome"));
    auto *title = new QLabel(tr("Welcome to Casefile"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    title->setFont(big);
    auto *intro = new QLabel(tr("Casefile reads a support ticket, asks your systems what "
                                "happened (gateway logs, deploys, incidents, billing) and drafts "
                                "the reply. No workspace is open yet."),
                             this);
    intro->setWordWrap(true);
    const auto choice = [this](const QString &text, const QString &detail) {
        auto *button = new QPushButton(text, this);
        button->setMinimumHeight(button->sizeHint().height() * 3 / 2);
        auto *label = new QLabel(detail, this);
        label->setWordWrap(true);
        label->setIndent(12);
        return std::pair{button, label};
    };
    auto demo = choice(tr("Open the &demo workspace"),
                       tr("A whole customer stack served on this machine by the sandbox: a "
                          "helpdesk with tickets, gateway logs, deploys, an incident. Nothing "
                          "leaves the machine."));
    auto open = choice(tr("&Open a workspace profile…"),
                       tr("A profile file someone on your team shared, or one you saved."));
    auto wizard = choice(tr("&Connect your systems…"),
                         tr("Add your helpdesk, logs, GitHub, issue tracker, billing and status "
                            "pages step by step, test each connection and save the profile. "
                            "Secrets go to the operating system's keychain."));
    m_demo = demo.first;
    m_open = open.first;
    m_wizard = wizard.first;
    connect(m_demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    connect(m_open, &QPushButton::clicked, this, &WelcomePage::openProfileRequested);
    connect(m_wizard, &QPushButton::clicked, this, &WelcomePage::wizardRequested);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(intro);
    column->addSpacing(16);
    for (const auto &[button, label] : {demo, open, wizard}) {
        column->addWidget(button);
        column->addWidget(label);
        column->addSpacing(8);
    }
    column->addWidget(m_status);
    auto *centre = new QWidget(this);
    centre->setLayout(column);
    centre->setMaximumWidth(620);
    auto *layout = new QHBoxLayout(this);
    layout->addStretch(1);
    auto *middle = new QVBoxLayout;
    middle->addStretch(1);
    middle->addWidget(centre);
    middle->addStretch(2);
    layout->addLayout(middle, 4);
    layout->addStretch(1);
}

void WelcomePage::setStatus(const QString &message, bool error)
{
    m_status->setText(message);
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_status->setPalette(p);
}

void WelcomePage::setBusy(bool busy)
{
    for (QPushButton *b : {m_demo, m_open, m_wizard})
        b->setEnabled(!busy);
}

DemoWorkspace::DemoWorkspace(QObject *parent)
    : QObject(parent)
{}

DemoWorkspace::~DemoWorkspace()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        // The sandbox stops its ClickHouse on SIGTERM; give it a moment, then insist.
        if (!m_process->waitForFinished(3000))
            m_process->kill();
        m_process->waitForFinished(1000);
    }
}

QString DemoWorkspace::sandboxProgram()
{
    const QDir dir(QCoreApplication::applicationDirPath());
    for (const QString &candidate :
         {dir.filePath(u"casefile-sandbox"_s), dir.filePath(u"../sandbox/casefile-sandbox"_s),
          dir.filePath(u"../../sandbox/casefile-sandbox"_s)}) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath();
    }
    return {};
}

bool DemoWorkspace::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

void DemoWorkspace::start()
{
    if (isRunning())
        return;
    m_reported = false;
    m_output.clear();
    const QString program = sandboxProgram();
    if (program.isEmpty()) {
        fail(tr("The demo needs casefile-sandbox next to the application; it was not found in "
                "%1.")
                 .arg(QCoreApplication::applicationDirPath()));
        return;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    const QString scenario = m_dir->filePath(u"demo-scenario.json"_s);
    if (!m_dir->isValid() || !QFile::copy(u":/demo/demo-scenario.json"_s, scenario)) {
        fail(tr("The demo scenario could not be prepared in a temporary folder."));
        return;
    }
    const QString profile = m_dir->filePath(u"demo-profile.json"_s);
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this, profile] {
        m_output += m_process->readAllStandardOutput();
        if (!m_reported && (m_output.startsWith("ready ") || m_output.contains("\nready "))) {
            m_reported = true;
            emit ready(profile);
        }
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        fail(tr("The sandbox could not start: %1").arg(m_process->errorString()));
    });
    connect(m_process, &QProcess::finished, this, [this](int code) {
        const QString err = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
        fail(tr("The sandbox stopped (exit code %1): %2")
                 .arg(code)
                 .arg(err.section(u'\n', -3).left(400)));
    });
    m_process->start(program,
                     {u"--scenario"_s, scenario, u"--profile-out"_s, profile, u"--quiet"_s});
}

void DemoWorkspace::fail(const QString &message)
{
    if (m_reported)
        return;
    m_reported = true;
    emit failed(message);
}

} // namespace Casefile
