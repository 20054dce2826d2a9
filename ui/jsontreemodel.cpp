#include "ui/jsontreemodel.h"
#include "ui/plaintext.h"

#include "ui/jsontablemodel.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Casefile {

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::build(Node *node, const QJsonValue &value)
{
    node->type = value.type();
    const auto addChild = [node](const QString &key, const QJsonValue &v) {
        auto child = std::make_unique<Node>();
        child->key = key;
        child->parent = node;
        child->row = int(node->children.size());
        build(child.get(), v);
        node->children.push_back(std::move(child));
    };
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            addChild(it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            addChild(u"[%1]"_s.arg(i), a.at(i));
    } else {
        node->value = value;
    }
}

void JsonTreeModel::setJson(const QJsonValue &root)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    if (root.isObject() || root.isArray()) {
        build(m_root.get(), root);
    } else if (!root.isNull() && !root.isUndefined()) {
        // A scalar document still shows as one row.
        auto child = std::make_unique<Node>();
        child->parent = m_root.get();
        build(child.get(), root);
        m_root->children.push_back(std::move(child));
    }
    endResetModel();
}

JsonTreeModel::Node *JsonTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *p = nodeFor(parent);
    return createIndex(row, column, p->children.at(size_t(row)).get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *node = static_cast<Node *>(child.internalPointer());
    Node *p = node->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, p);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

static QString typeName(QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"bool"_s;
    case QJsonValue::Double:
        return u"number"_s;
    case QJsonValue::String:
        return u"string"_s;
    case QJsonValue::Array:
        return u"array"_s;
    case QJsonValue::Object:
        return u"object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == Qt::ToolTipRole) // vendor text: never rendered as markup
        return plainToolTip(data(index, Qt::DisplayRole).toString());
    if (role != Qt::DisplayRole)
        return {};
    const Node *node = nodeFor(index);
    switch (index.column()) {
    case Key:
        return node->key;
    case Value:
        if (node->type == QJsonValue::Array || node->type == QJsonValue::Object)
            return tr("%n item(s)", nullptr, int(node->children.size()));
        return JsonTableModel::displayText(node->value);
    case Type:
        return typeName(node->type);
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case Key:
        return tr("Key");
    case Value:
        return tr("Value");
    case Type:
        return tr("Type");
    }
    return {};
}

} // namespace Casefile
