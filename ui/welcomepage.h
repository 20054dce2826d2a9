#pragma once

#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace Casefile {

// What the window shows with no workspace open: open the demo workspace, open a profile,
// or connect your own systems with the wizard.
class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    explicit WelcomePage(QWidget *parent = nullptr);

    void setStatus(const QString &message, bool error = false); // under the buttons
    void setBusy(bool busy);
    QPushButton *demoButton() const { return m_demo; }

signals:
    void demoRequested();
    void openProfileRequested();
    void wizardRequested();

private:
    QPushButton *m_demo = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_wizard = nullptr;
    QLabel *m_status = nullptr;
};

// The demo workspace: starts casefile-sandbox (installed next to the application) on the
// demo scenario built into the application and reports the profile it wrote. The sandbox
// runs until this object is destroyed. Never blocks: the process is watched by signals.
class DemoWorkspace final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoWorkspace)

public:
    explicit DemoWorkspace(QObject *parent = nullptr);
    ~DemoWorkspace() override;

    // Where the sandbox binary is looked for: next to the application, then in the build
    // tree's sandbox/ folder beside app/. Empty when not found.
    static QString sandboxProgram();

    void start(); // ready(profilePath) or failed(message) follows
    bool isRunning() const;

signals:
    void ready(const QString &profilePath);
    void failed(const QString &message);

private:
    void fail(const QString &message);

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess *m_process = nullptr;
    QByteArray m_output;
    bool m_reported = false;
};

} // namespace Casefile
