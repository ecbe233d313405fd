/**
 * The tables of the read model as Hibernate Reactive entities. Every view is keyed by generation
 * first, so a rebuild writes a complete new model beside the active one. JSON columns are mapped as
 * strings cast in SQL ({@link JsonColumn}), which keeps the mapping independent of any JSON format
 * mapper.
 */
package news.ticker.timeline.readmodel;
