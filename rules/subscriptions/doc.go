// Package subscriptions holds the subscription rule: subscription-not-disposed.
package subscriptions
