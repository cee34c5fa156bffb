package org.tesseracrm.plugin.salon.internal.data;

/** Where an appointment stands. */
public enum AppointmentStatus {
    /** Booked and still to come: the state of a new appointment. */
    BOOKED,
    /** The client came and the service was done: what the "appointments held" metric counts. */
    HELD,
    /** Called off by the salon or the client (or because the client was deleted). */
    CANCELLED,
    /** The client did not come. */
    NO_SHOW
}
