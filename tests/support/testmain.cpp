// Catch2 main for every test: Qt needs an application object (QtSql refuses to work without
// one; widgets need a QApplication). LECTERN_TEST_GUI selects which.
#include <catch2/catch_session.hpp>

#ifdef LECTERN_TEST_GUI
#include <QApplication>
using TestApplication = QApplication;
#else
#include <QCoreApplication>
using TestApplication = QCoreApplication;
#endif

int main(int argc, char *argv[]) {
    // Tests never need a display: also when CTest lists them at build time, outside the
    // ENVIRONMENT that catch_discover_tests gives the runs.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TestApplication app(argc, argv);
    TestApplication::setApplicationName(QStringLiteral("lectern-tests"));
    TestApplication::setOrganizationName(QStringLiteral("Lectern"));
    return Catch::Session().run(argc, argv);
}
