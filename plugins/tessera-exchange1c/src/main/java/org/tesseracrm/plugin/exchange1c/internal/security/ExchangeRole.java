package org.tesseracrm.plugin.exchange1c.internal.security;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;
import org.tesseracrm.spi.security.RoleDefinition;

/**
 * The role {@value ConnectionSettings#EXCHANGE_ROLE}: users 1C logs in as (besides administrators), and
 * operators of the exchange log and the conflict queue. It grants nothing on CRM records by itself: the
 * exchange acts on all records on behalf of its login (see {@code ExchangeProtocol}); an administrator gives
 * the role to a user like any other ({@code /api/v1/users}).
 */
@Component
public final class ExchangeRole implements RoleDefinition {

    @Override
    public String name() {
        return ConnectionSettings.EXCHANGE_ROLE;
    }

    @Override
    public String title() {
        return "1C exchange";
    }

    @Override
    public String title(Locale locale) {
        return "ru".equals(locale.getLanguage()) ? "Обмен с 1С" : title();
    }

    @Override
    public Map<String, Set<Action>> grants() {
        return Map.of();
    }
}
