package org.tesseracrm.api.data;

import java.util.List;
import java.util.Optional;

/**
 * {@link Records} that pass every call to other records: the base of a typed service such as
 * {@code Contacts}, which only has to name its type.
 *
 * @param <T> the record type
 */
public abstract class ForwardingRecords<T> implements Records<T> {
    private final Records<T> delegate;

    /** @param delegate the records that do the work, usually from {@link RecordStores} */
    protected ForwardingRecords(Records<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public String entity() {
        return delegate.entity();
    }

    @Override
    public Class<T> type() {
        return delegate.type();
    }

    @Override
    public T create(T record) {
        return delegate.create(record);
    }

    @Override
    public List<T> createAll(List<T> records) {
        return delegate.createAll(records);
    }

    @Override
    public Optional<T> find(String id) {
        return delegate.find(id);
    }

    @Override
    public T get(String id) {
        return delegate.get(id);
    }

    @Override
    public T update(String id, long expectedVersion, T record) {
        return delegate.update(id, expectedVersion, record);
    }

    @Override
    public void delete(String id, Long expectedVersion) {
        delegate.delete(id, expectedVersion);
    }

    @Override
    public T restore(String id) {
        return delegate.restore(id);
    }

    @Override
    public Page<T> list(Query query) {
        return delegate.list(query);
    }
}
