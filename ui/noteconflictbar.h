#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace lectern {

// The bar over the note editor when the note was changed elsewhere (lectern-cli note,
// import-annotations, another window) while the user had unsaved text: it says so and offers
// the three ways out. Nothing is written until one is chosen (or the window closes: merged).
class NoteConflictBar : public QFrame {
    Q_OBJECT
public:
    enum Choice { KeepMine, UseTheirs, Merge };

    explicit NoteConflictBar(QWidget *parent = nullptr);
    // Shows the other writer's text (its first line, all of it in the tooltip).
    void setTheirs(const QString &theirs);
    QPushButton *button(Choice choice) const;
    QString text() const;

    // Both texts, the user's first: one alone when it contains the other (the rule of
    // import-annotations, with "---" between them).
    static QString merged(const QString &mine, const QString &theirs);

Q_SIGNALS:
    void chosen(lectern::NoteConflictBar::Choice choice);

private:
    QLabel *m_label;
    QPushButton *m_buttons[3];
};

} // namespace lectern
