// Package timers holds the timer rule: timer-not-cleared.
package timers
